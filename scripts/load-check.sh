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

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$load" seed "$work/load.db" "$positions" "$questions"
echo "ledger: $(du -h "$work/load.db" | cut -f1)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$vane" serve --db "$work/load.db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
echo "machine: $(nproc) cores; server and client share them"
"$load" drive "127.0.0.1:$port" "$requests" "$seconds" "$conns"
