#!/usr/bin/env bash
# Time per MB and peak memory of the reading pipeline by document size, on
# pathological and real inputs, so that linearity is visible: a linear
# stage keeps its seconds per MB as the size doubles.
#
#   scripts/bench-sizes.sh [MAX_KB] [INPUT...]
#
# Sizes run from 64 KB to MAX_KB (default 8192) by doubling. Inputs (default
# all): quotes (a paragraph of “), labels ("MR. SMITH: ok." lines), nul
# (NUL bytes), briefings (real White House press briefings, concatenated;
# needs ../shared/data/whitehouse-corpus or WHITEHOUSE_CORPUS), labelled
# (the labelled documents of data/labelled/docs, concatenated). Each size
# runs `vane-read`'s `sizes` example (release) under /usr/bin/time -v:
# read is sentences, time, mentions, attributions, acts and statements;
# positions is the stance stage on the White House questions.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
max_kb="${1:-8192}"
shift || true
inputs=("$@")
[ ${#inputs[@]} -eq 0 ] && inputs=(quotes labels nul briefings labelled)
corpus="${WHITEHOUSE_CORPUS:-$root/../shared/data/whitehouse-corpus}"
[ -d "$corpus" ] || corpus=/work/shared/data/whitehouse-corpus
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# SIZES_BIN: a `sizes` binary built already (e.g. of another commit).
if [ -z "${SIZES_BIN:-}" ]; then
  cargo build --release -q -p vane-read --example sizes
fi
bin="${SIZES_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/examples/sizes}"

# A source of at least $2 KB for input $1, in $work/$1.src.
source_of() {
  local kind=$1 kb=$2 f="$work/$1.src"
  case $kind in
    quotes) python3 -c "import sys; sys.stdout.write('\u201c' * ($kb * 1024 // 3 + 1))" >"$f" ;;
    labels) python3 -c "import sys; sys.stdout.write('MR. SMITH: ok.\n' * ($kb * 1024 // 15 + 1))" >"$f" ;;
    nul) head -c $((kb * 1024)) /dev/zero >"$f" ;;
    briefings) (find "$corpus/press-briefings" -name '*.md' | sort | xargs cat 2>/dev/null || true) | head -c $((kb * 1024)) >"$f" ;;
    labelled) (find "$root/data/labelled/docs" -type f | sort | xargs cat 2>/dev/null || true) | head -c $((kb * 1024)) >"$f" ;;
  esac
}

printf "%-10s %8s %10s %10s %12s %12s\n" input KB "read s" "read s/MB" "positions" "peak RSS MB"
for kind in "${inputs[@]}"; do
  source_of "$kind" "$max_kb"
  kb=64
  while [ "$kb" -le "$max_kb" ]; do
    f="$work/$kind-$kb"
    head -c $((kb * 1024)) "$work/$kind.src" >"$f"
    # Cut at a character boundary: the example reads lossily anyway.
    out=$( { /usr/bin/time -v "$bin" "$f" read >"$f.out"; } 2>&1 )
    rss=$(echo "$out" | awk -F: '/Maximum resident/ {print int($2/1024)}')
    read_s=$(awk -F'\t' '$2=="read" {print $4}' "$f.out" | tr -d ' s')
    read_mb=$(awk -F'\t' '$2=="read" {print $5}' "$f.out" | tr -d ' s/MB')
    pos_s=$(awk -F'\t' '$2=="positions" {print $4}' "$f.out" | tr -d ' s')
    printf "%-10s %8d %10s %10s %12s %12s\n" "$kind" "$kb" "$read_s" "$read_mb" "$pos_s" "$rss"
    kb=$((kb * 2))
  done
done
