#!/usr/bin/env bash
# Runs every test of every language vpskit has today. This is the README's test command.
# Each suite prints its runner's summary line; the script stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

section() { printf '\n==> %s\n' "$*"; }

section "Setup: install what is missing (wasm32 target, wasm-bindgen-cli, chromium and chromedriver)"
bash scripts/setup.sh

section "Rust: format"
cargo fmt --all -- --check

section "README: the examples CI runs are the ones it shows"
python3 scripts/readme-examples.py

section "Rust: clippy (all crates and targets, warnings are errors)"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

section "Rust: tests (core unit, vectors, client, properties, doc examples; mock endpoints and end-to-end; vpskit-gloo runs on wasm32 below)"
cargo test --workspace --exclude vpskit-python --exclude vpskit-wasm --exclude vpskit-gloo --all-features --locked

section "Rust: docs (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --exclude vpskit-python --exclude vpskit-wasm --exclude vpskit-gloo --exclude vpskit-uniffi --exclude uniffi-bindgen --all-features --no-deps --locked --quiet
echo "docs built"

section "Python: build the wheel, install it into a fresh virtual environment"
venv="$root/target/python-venv"
bash scripts/python-wheel.sh

section "Python: pytest (vectors, every operation on urllib/requests/httpx/asyncio, faults, secrets, mypy --strict)"
cargo build --quiet --locked -p vpskit-mock --bin vpskit-mock
(cd python && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" "$venv/bin/python" -m pytest -q -p no:cacheprovider)

section "Python packages as users get them: the vpskit-mock wheel, a user's pytest suite on vpskit.testing, twine check, auditwheel show, the sdist in a clean venv, pdoc"
bash scripts/python-packages.sh

section "JavaScript: build the npm package (wasm32 + wasm-bindgen + wasm-opt), sizes"
(cd wasm && npm ci --no-audit --no-fund --loglevel=error)
bash wasm/build.sh

section "JavaScript: tsc --noEmit over the usage example"
(cd wasm && node_modules/.bin/tsc -p tests/types/tsconfig.json && echo "tsc: no type errors")

section "JavaScript: API reference from the TypeScript declarations (typedoc; every export documented, warnings are errors)"
(cd wasm && node_modules/.bin/typedoc && echo "typedoc: target/js-api-docs built, no warnings")

section "JavaScript: node --test (vectors, every operation over fetch, faults, secrets)"
(cd wasm && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" node --test tests/node/)

section "JavaScript: headless Chromium, cross-origin against the mock"
(cd wasm && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" node --test tests/browser/)

section "JavaScript: the packed tarball in fresh Vite, webpack 5 and esbuild projects (production bundles in headless Chromium) and in Node ESM and CommonJS"
(cd wasm && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" bash consumers/run.sh)

section "JavaScript: the sample dashboard (Vite): typecheck + production build, then headless Chromium against the mock (screenshots in target/dashboard-screenshots)"
(cd examples/dashboard && npm ci --no-audit --no-fund --loglevel=error \
  && { npm run --silent build >"$root/target/dashboard-build.log" 2>&1 || { cat "$root/target/dashboard-build.log"; exit 1; }; } \
  && node scripts/bundle-size.mjs && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" npm test)

section "Rust in the browser: vpskit-gloo (the async client over gloo-net), clippy and docs for wasm32, wasm-bindgen-test in Node and headless Chromium against the mock"
cargo clippy --locked -p vpskit-gloo --target wasm32-unknown-unknown --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --locked -p vpskit-gloo --target wasm32-unknown-unknown --no-deps --quiet
VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" bash gloo/test.sh

section "Kotlin: uniffi cdylib + generated sources, JUnit 5 on the JVM (vectors, every operation, faults, secrets); the jar (native library as a JNA resource, sources and Dokka javadoc jars, no undocumented item) installed"
# Runs a Maven build quietly into a log; prints its summary lines, or the log's end when it fails.
maven() {
  local dir=$1 log=$2
  shift 2
  if (cd "$dir" && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" mvn -B --no-transfer-progress "$@" >"$log" 2>&1); then
    grep -E 'Tests run:|BUILD' "$log" | grep -v -E 'Tests run:.*, Time elapsed' || true
  else
    tail -80 "$log"
    exit 1
  fi
}
maven bindings/kotlin "$root/target/kotlin-test.log" install
jar tf bindings/kotlin/target/vpskit-*[0-9].jar | grep -E 'linux-x86-64/libvpskit_uniffi.so'
ls bindings/kotlin/target/ | grep -E 'sources|javadoc'

section "Kotlin: the JUnit 5 extension for users' tests (vpskit-testing), then a consumer project outside the build on the installed jars (no JNA setting)"
maven bindings/kotlin/testing "$root/target/kotlin-testing.log" install
maven bindings/kotlin/consumer "$root/target/kotlin-consumer.log" verify

section "Swift: generate the sources from the same crate and check them (no Swift toolchain here)"
bash bindings/swift/generate.sh
