#!/usr/bin/env bash
# Runs every test of the workspace (unit, snapshot, property and integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
cargo test --workspace --all-targets --features vane/serve "$@"
