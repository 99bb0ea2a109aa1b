# Sourced by the measuring scripts (page-weight, lighthouse): serves an already built server
# binary with demo data in a throw-away folder on a spare port, and stops it on exit.
#   start_demo_server PORT     sets $url; the binary is $PARVIS_BIN or <target>/release/parvis
start_demo_server() {
  local port=$1 target_dir bin data server
  target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  bin=${PARVIS_BIN:-$target_dir/release/parvis}
  [ -x "$bin" ] || { echo "no server binary at $bin: build with scripts/build-release, or pass a URL" >&2; exit 1; }
  data=$(mktemp -d)
  url="http://127.0.0.1:$port"
  PARVIS_SERVER__ADDRESS="127.0.0.1:$port" PARVIS_SERVER__PUBLIC_URL="$url" \
    PARVIS_SERVER__DATA_DIR="$data" PARVIS_DATABASE__URL="sqlite://$data/parvis.db" \
    PARVIS_DEMO__ENABLED=true RUST_LOG=warn "$bin" >"$data/server.log" 2>&1 &
  server=$!
  # shellcheck disable=SC2064 # expand now: the trap runs after these locals are gone
  trap "kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf '$data'" EXIT
  for _ in $(seq 1 120); do
    if curl -fs "$url/healthz" >/dev/null 2>&1; then break; fi
    kill -0 "$server" 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "serving $bin (site: target/site) on $url" >&2
}
