#!/usr/bin/env bash
# Starts the sample dashboard (examples/dashboard) on the mock gateway: builds what is missing
# (the mock, the npm package, the example's dependencies), then `npm run dev`, whose Vite server
# starts the mock on a free port and holds the keys in its proxy. Open the URL Vite prints.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -x target/debug/vpskit-mock ] || cargo build --quiet --locked -p vpskit-mock --bin vpskit-mock
if [ ! -f wasm/dist/browser.js ]; then
  bash scripts/setup.sh
  (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
  bash wasm/build.sh
fi
cd examples/dashboard
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
VPSKIT_MOCK_BIN="${VPSKIT_MOCK_BIN:-$root/target/debug/vpskit-mock}" exec npm run dev -- "$@"
