#!/usr/bin/env bash
# The page of `vane serve` in headless Chromium: seeds a ledger with the seed
# case (examples/seed), serves it on a free port of 127.0.0.1, and runs
# tests/browser/page.test.js (playwright-core), which saves a screenshot to
# docs/screenshot-seed.png. Installs what it needs on a fresh machine:
# Debian's chromium package (apt-get) and playwright-core (npm, into
# tests/browser/node_modules, from package-lock.json). Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"

if [ ! -x /usr/bin/chromium ]; then
  echo "browser-test: installing Debian's chromium"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "browser-test: installing playwright-core"
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

cargo build -q -p vane --features serve
vane="$CARGO_TARGET_DIR/debug/vane"

. scripts/serve-lib.sh
serve_scratch

"$vane" questions load --db "$work/wv.db" examples/seed/questions.toml >/dev/null 2>&1
"$vane" ingest --db "$work/wv.db" --published 2025-07-10 examples/seed/ >/dev/null 2>&1

serve_start "$vane" "$work/wv.db"

mkdir -p docs
status=0
BASE_URL="http://127.0.0.1:$port" SCREENSHOT="$root/docs/screenshot-seed.png" \
  timeout 120 node tests/browser/page.test.js || status=$?
if [ "$status" != 0 ]; then
  echo "browser-test: failed; the server's log:"; cat "$work/serve.log"
fi
exit "$status"
