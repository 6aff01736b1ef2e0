#!/usr/bin/env bash
# The load check (a benchmark, not a test; not in CI): a ledger of synthetic
# positions, `vane serve` on a free port of 127.0.0.1, then GET requests to
# the read endpoints, bounded in number and time per endpoint; prints
# requests/s and p50/p99 latency. Release builds.
#
#   scripts/load-check.sh [POSITIONS] [QUESTIONS] [REQUESTS] [SECONDS] [CONNECTIONS]
#   defaults:              100000      100         20000      20        4
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
positions=${1:-100000} questions=${2:-100} requests=${3:-20000} seconds=${4:-20} conns=${5:-4}

cargo build -q --release -p vane --features serve
cargo build -q --release -p vane-serve --example load
vane="$CARGO_TARGET_DIR/release/vane"
load="$CARGO_TARGET_DIR/release/examples/load"

. scripts/serve-lib.sh
serve_scratch

"$load" seed "$work/load.db" "$positions" "$questions"
echo "ledger: $(du -h "$work/load.db" | cut -f1)"
serve_start "$vane" "$work/load.db"
echo "machine: $(nproc) cores; server and client share them"
"$load" drive "127.0.0.1:$port" "$requests" "$seconds" "$conns"
