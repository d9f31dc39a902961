#!/usr/bin/env bash
# The package as users get it: packs the npm tarball, installs it (not the folder) into fresh
# projects outside the tree (Vite, webpack 5, esbuild; Node ESM and CommonJS; a node:test suite on
# `vpskit/testing`; TypeScript resolving every export under bundler and node16 rules), builds each bundle
# for production, then checks them all against the mock (consumers.test.js: the bundles in
# headless Chromium, the Node programs as child processes). Run after wasm/build.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/vpskit-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT

tarball="$work/$(cd "$here/.." && npm pack --silent --pack-destination "$work" | tail -1)"
echo "packed $(basename "$tarball") ($(wc -c < "$tarball" | tr -d ' ') bytes)"

for project in vite webpack esbuild node-esm node-cjs node-testing types; do
  dir="$work/$project"
  cp -r "$here/$project" "$dir"
  case "$project" in node-* | types) ;; *) cp "$here/fleet.js" "$here/index.html" "$dir/" ;; esac
  (
    cd "$dir"
    [ -f package-lock.json ] && npm ci --no-audit --no-fund --loglevel=error >/dev/null
    npm install --no-save --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
    if grep -q '"build"' package.json; then
      npm run --silent build >build.log 2>&1 || { cat build.log; exit 1; }
      if [ -d dist ]; then
        printf '%-8s built: %s\n' "$project" "$(cd dist && find . -type f | sort | tr '\n' ' ')"
      else
        printf '%-8s %s\n' "$project" "$(tail -1 build.log)"
      fi
    else
      echo "$project installed"
    fi
  )
done

VPSKIT_CONSUMERS="$work" node --test "$here/consumers.test.js"

# A user's own node:test suite on `vpskit/testing` (the mock binary from VPSKIT_MOCK_BIN).
(cd "$work/node-testing" && node --test fleet.test.js)
