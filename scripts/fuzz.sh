#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS seconds each (default 60),
# starting from the seed corpus in fuzz/corpus/<target>/ (new inputs go to
# a scratch copy, so the repository's seeds stay small). A crash leaves its
# input in fuzz/artifacts/<target>/ and the script exits non-zero at the end.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the
# sanitizer flags are allowed with RUSTC_BOOTSTRAP=1. RSS_MB (default 2048)
# is libFuzzer's memory limit per input, MAX_LEN (default 65536) the
# largest input it tries.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
export RUSTC_BOOTSTRAP=1
# Built once up front (a cold build takes about 20 minutes on 2 cores).
echo "== building ${targets[*]}"
for t in "${targets[@]}"; do
  cargo fuzz build "$t" >/dev/null 2>&1 || { cargo fuzz build "$t"; exit 2; }
done
work="${FUZZ_WORK:-$(mktemp -d)}"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "artifacts/$t"
  cp -n corpus/"$t"/* "$work/$t"/ 2>/dev/null
  echo "== $t: ${secs}s"
  log="$work/$t.log"
  cargo fuzz run "$t" "$work/$t" corpus/"$t" -- \
    -max_total_time="$secs" -rss_limit_mb="${RSS_MB:-2048}" \
    -max_len="${MAX_LEN:-65536}" -timeout=20 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" >"$log" 2>&1
  rc=$?
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$log" | sed "s/^/   /"
  if [ $rc -ne 0 ]; then
    status=1
    echo "   FAILED (exit $rc); log: $log"
    grep -E "^==[0-9]+==|panicked at|SUMMARY|Test unit written" "$log" | head -8 | sed "s/^/   /"
  fi
done
echo "corpus and logs: $work"
exit $status
