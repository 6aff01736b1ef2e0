# Sourced by the scripts that run `vane serve` on 127.0.0.1 (browser-test.sh,
# schemathesis.sh, load-check.sh): a scratch folder removed on exit with the
# server stopped, a free port, and a start that waits for the port to open.
#
#   . scripts/serve-lib.sh
#   serve_scratch                        # sets $work; cleans up on exit
#   serve_start VANE DB [NAME=VALUE...]  # sets $port and $server; log in $work/serve.log

work=""
server=""
port=""

serve_cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
}

serve_scratch() {
  work=$(mktemp -d)
  trap serve_cleanup EXIT
}

# A free port: bind 0, read it, let it go (the server binds it a moment later).
serve_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

serve_start() {
  local vane=$1 db=$2
  shift 2
  port=$(serve_free_port)
  env "$@" "$vane" serve --db "$db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    if ! kill -0 "$server" 2>/dev/null; then
      echo "vane serve did not start:"
      cat "$work/serve.log"
      exit 1
    fi
    sleep 0.1
  done
  echo "vane serve did not open port $port in 10 s:"
  cat "$work/serve.log"
  exit 1
}
