#!/usr/bin/env bash
# Installs what the test suites need and the machine lacks; does nothing for what is already there.
# Called by scripts/test.sh (and so by .ci/run): Rust components, the wasm32 target,
# wasm-bindgen-cli pinned to the crate's wasm-bindgen (with wasm-bindgen-test-runner), and Debian's
# chromium and chromedriver for the browser suites.
# Python, npm and Maven packages are installed by the suites themselves from their lockfiles.
set -euo pipefail

command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup" >&2; exit 1; }
for tool in python3 node npm mvn java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (this machine kind ships it)" >&2; exit 1; }
done

rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q '0.2.130'; then
  cargo install wasm-bindgen-cli --version 0.2.130
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

echo "toolchain: $(cargo --version); $(wasm-bindgen --version); node $(node --version); $(python3 --version); $(/usr/bin/chromium --version 2>/dev/null | head -1); $(chromedriver --version 2>/dev/null | cut -d" " -f1-2)"
