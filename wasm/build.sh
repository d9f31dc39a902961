#!/usr/bin/env bash
# Builds the npm package into wasm/dist: the wasm core (size-optimised), its glue, the ESM layer
# and the TypeScript declarations; prints the sizes raw and gzipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

# LLVM's inliner at opt-level 3 copies small functions into every caller; a threshold of 40 (the
# default is 225) and no loop unrolling keep the parse path's speed and save 9 KB gzipped (same-run
# A/B in BENCHMARKS.md's history: opt-level "z" saves as much but makes the Node parse 2.8x).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:--C llvm-args=-inline-threshold=40 -C llvm-args=-unroll-threshold=0}"
cargo build --locked -p vpskit-wasm --target wasm32-unknown-unknown --profile wasm-release
rm -rf "$here/dist"
mkdir -p "$here/dist/wasm"
wasm-bindgen --target web --no-typescript --out-dir "$here/dist/wasm" \
  "$root/target/wasm32-unknown-unknown/wasm-release/vpskit_wasm.wasm"
wasm="$here/dist/wasm/vpskit_wasm_bg.wasm"
if [ -x "$here/node_modules/.bin/wasm-opt" ]; then
  "$here/node_modules/.bin/wasm-opt" -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --strip-debug --strip-producers "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
else
  echo "note: wasm-opt not installed (npm ci in wasm/ brings binaryen); size not optimised" >&2
fi
cp "$here"/js/*.js "$here/dist/"
# The CommonJS entry for `require`: the Node entry and all it imports in one file, with
# `import.meta.url` (where the .wasm is found) read from the bundle's own path.
"$here/node_modules/.bin/esbuild" "$here/dist/node.js" --bundle --platform=node --format=cjs --target=node18 \
  --log-level=warning --define:import.meta.url=__vpskitModuleUrl \
  --banner:js="const __vpskitModuleUrl = require('node:url').pathToFileURL(__filename).href;" \
  --outfile="$here/dist/node.cjs"
# What a page loads is minified in place (ESM kept, one file per module, so bundlers still see the
# `new URL(..., import.meta.url)` of the .wasm), with source maps for readable stack traces; the
# Node-only files (node.js, node.cjs, testing.js) stay as written. Same-run figures of 2026-12-01:
# the glue went from 22.6 KB to 12.9 KB gzipped.
(cd "$here/dist" && "$here/node_modules/.bin/esbuild" api.js browser.js client.js errors.js loader.js operations.js \
  secret.js wasm/vpskit_wasm.js --outdir=. --allow-overwrite --minify --format=esm --sourcemap --log-level=warning)
cp "$here/index.d.ts" "$here/dist/index.d.ts"
cp "$here/index.d.ts" "$here/dist/index.d.cts"
cp "$here/testing.d.ts" "$here/vpskit-wasm.d.ts" "$here/dist/"

size() { wc -c < "$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
glue_raw=0; glue_gz=0
# The glue a browser loads: every module but the Node-only ones (the entry, `vpskit/testing`).
for f in "$here"/dist/*.js "$here"/dist/wasm/*.js; do
  case "$(basename "$f")" in node.js | testing.js) continue ;; esac
  glue_raw=$((glue_raw + $(size "$f"))); glue_gz=$((glue_gz + $(gz "$f")))
done
printf 'vpskit npm package sizes: .wasm %s bytes (%s gzipped); JS glue %s bytes (%s gzipped)\n' \
  "$(size "$wasm")" "$(gz "$wasm")" "$glue_raw" "$glue_gz"
