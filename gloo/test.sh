#!/usr/bin/env bash
# Runs the gloo-net transport's wasm-bindgen tests against the mock: once in Node, once in headless
# Chromium (through chromedriver). The mock starts first; its origin is compiled into the tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mock_bin="${VPSKIT_MOCK_BIN:-$root/target/debug/vpskit-mock}"
[ -x "$mock_bin" ] || cargo build --quiet --locked -p vpskit-mock --bin vpskit-mock

log=$(mktemp)
"$mock_bin" --listen 127.0.0.1:0 >"$log" &
mock=$!
trap 'kill $mock 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q '^listening on ' "$log" && break; sleep 0.1; done
origin=$(sed -n 's/^listening on //p' "$log" | head -1)
[ -n "$origin" ] || { echo "the mock did not start" >&2; exit 1; }

export VPSKIT_MOCK_URL="$origin"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cd "$here"
echo "-- Node"
cargo test --locked -p vpskit-gloo --target wasm32-unknown-unknown
echo "-- headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test --locked -p vpskit-gloo --target wasm32-unknown-unknown
