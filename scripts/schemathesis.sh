#!/usr/bin/env bash
# The OpenAPI spec against the server (issue 15): schemathesis from PyPI
# generates requests for every operation of /openapi.json and checks every
# answer against the spec (status codes, content types, schemas) and that
# none is a 5xx. Seeds a ledger with the seed case (examples/seed), serves
# it on a free port of 127.0.0.1 with a token (so writes are tested too),
# runs schemathesis bounded in examples and time, and stops the server.
# Installs schemathesis into a venv under the target dir when missing.
#
#   scripts/schemathesis.sh [MAX_EXAMPLES] [SECONDS]
#   defaults:                30             300
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
examples=${1:-30} seconds=${2:-300}

venv="$CARGO_TARGET_DIR/schemathesis-venv"
if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "schemathesis.sh: installing schemathesis into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'schemathesis>=4,<5'
fi

cargo build -q -p vane --features serve
vane="$CARGO_TARGET_DIR/debug/vane"

. scripts/serve-lib.sh
serve_scratch

"$vane" questions load --db "$work/wv.db" examples/seed/questions.toml >/dev/null 2>&1
"$vane" ingest --db "$work/wv.db" --published 2025-07-10 examples/seed/ >/dev/null 2>&1

token="schemathesis-$RANDOM$RANDOM"
serve_start "$vane" "$work/wv.db" VANE_TOKEN="$token"

# From the scratch folder: schemathesis keeps a cache (.schemathesis/) where it runs.
status=0
cd "$work"
timeout "$seconds" "$venv/bin/schemathesis" --no-color run "http://127.0.0.1:$port/openapi.json" \
  --checks all \
  --max-examples "$examples" \
  --seed "${SCHEMATHESIS_SEED:-15}" \
  --generation-database none \
  --header "Authorization: Bearer $token" \
  --request-timeout 30 || status=$?
if [ "$status" != 0 ]; then
  echo "schemathesis.sh: failed ($status); the server's log:"
  tail -50 "$work/serve.log"
fi
exit "$status"
