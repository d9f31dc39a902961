#!/usr/bin/env bash
# Starts the sample dashboard (examples/dashboard) on the mock gateway: builds the mock if
# missing, rebuilds the npm package, installs the example's dependencies, then `npm run dev`,
# whose Vite server starts the mock on a free port and holds the keys in its proxy. Open the URL
# Vite prints.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -x target/debug/vpskit-mock ] || cargo build --quiet --locked -p vpskit-mock --bin vpskit-mock
# The npm package, rebuilt so the page runs this tree's code (cargo reuses what it built before).
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
wasm-bindgen --version 2>/dev/null | grep -q '0.2.130' || cargo install wasm-bindgen-cli --version 0.2.130
[ -d wasm/node_modules ] || (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
bash wasm/build.sh
cd examples/dashboard
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
VPSKIT_MOCK_BIN="${VPSKIT_MOCK_BIN:-$root/target/debug/vpskit-mock}" exec npm run dev -- "$@"
