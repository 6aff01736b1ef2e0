#!/usr/bin/env bash
# Main-content extraction: Weathervane (vane-formats) against Python trafilatura,
# on the same pages in one run. Prints median ms/page for both.
# Usage: scripts/compare_trafilatura.sh [DIR of *.html.gz]  (default: ../shared/data/article-extraction/html)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/data/article-extraction/html}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
VENV="$HOME/.cache/weathervane-peers/trafilatura"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q trafilatura lxml_html_clean
fi
cargo build --release -q -p vane-formats --example extract_benchmark
"$CARGO_TARGET_DIR/release/examples/extract_benchmark" "$DIR" 2>&1 >/dev/null | tail -1
"$VENV/bin/python" scripts/trafilatura_time.py "$DIR"
