#!/usr/bin/env bash
# Speed of the reading with the rules alone and with the learned judge, over the White House
# corpus (../shared/data/whitehouse-corpus) with five questions (bench/questions.toml), on one
# core and on two: documents per second, the model's share of the time, peak memory.
#   EVERY=n   read every n-th document of the corpus, in path order (default 1: all 13,956)
#   CORPUS=dir  another corpus folder
#   JUDGE=pair  the pair judge with meaning (`--pair-judge --model`) instead of the head judge
# The judge runs with a cold embedding cache (a fresh VANE_CACHE_DIR), then once more warm,
# as when a corpus is read again for a new question.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
CORPUS="${CORPUS:-../shared/data/whitehouse-corpus}"
EVERY="${EVERY:-1}"
cargo build --release --quiet -p vane --features model
VANE="$CARGO_TARGET_DIR/release/vane"
MODEL="$(scripts/setup-model.sh | tail -n1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs"
find "$CORPUS" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' \) | sort |
    awk -v n="$EVERY" 'NR % n == 0' > "$work/list"
i=0
while read -r f; do
    i=$((i + 1))
    ln -s "$(realpath "$f")" "$work/docs/$(printf '%06d' "$i")-$(basename "$f")"
done < "$work/list"
docs=$(wc -l < "$work/list")
echo "corpus: $docs documents of $CORPUS; questions: bench/questions.toml"
printf '| run | cores | seconds | documents/s | peak memory (MiB) | embedded texts | model seconds |\n|---|---|---|---|---|---|---|\n'
run() { # name cores cache-dir extra-args...
    local name="$1" cores="$2" cache="$3"
    shift 3
    rm -f "$work"/l.db*
    "$VANE" questions load --db "$work/l.db" bench/questions.toml >/dev/null 2>&1
    local cpus="0"
    [ "$cores" = 2 ] && cpus="0,1"
    VANE_CACHE_DIR="$cache" VANE_JUDGE_STATS=1 /usr/bin/time -f '%e %M' -o "$work/time" \
        taskset -c "$cpus" "$VANE" ingest --db "$work/l.db" "$@" "$work/docs" > "$work/log" 2>&1 || true
    read -r secs kib < <(tail -n1 "$work/time")
    local texts model
    texts=$({ grep -o 'judge: [0-9]* texts ([0-9]* chars) asked, [0-9]*' "$work/log" || true; } |
        awk '{s += $NF} END {print s + 0}')
    model=$({ grep -o 'embedded in [0-9.]* s' "$work/log" || true; } |
        awk '{s += $3} END {printf "%.1f", s}')
    printf '| %s | %s | %.1f | %.1f | %d | %s | %s |\n' "$name" "$cores" "$secs" \
        "$(echo "$docs / $secs" | bc -l)" $((kib / 1024)) "$texts" "$model"
}
for cores in 1 2; do
    run "rules" "$cores" ""
    rm -rf "$work/cache"
    if [ "${JUDGE:-head}" = pair ]; then
        run "pair judge with meaning, cold cache" "$cores" "$work/cache" --pair-judge --model "$MODEL"
        run "pair judge with meaning, warm cache" "$cores" "$work/cache" --pair-judge --model "$MODEL"
    else
        run "judge, cold cache" "$cores" "$work/cache" --model "$MODEL"
        run "judge, warm cache" "$cores" "$work/cache" --model "$MODEL"
    fi
done
