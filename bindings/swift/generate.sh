#!/usr/bin/env bash
# Generates the Swift sources from the built Rust library (uniffi-bindgen, the crate's uniffi.toml)
# and checks that every expected file is there. Runs anywhere (no Swift toolchain needed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo build --quiet --locked -p vpskit-uniffi -p uniffi-bindgen
case "$(uname -s)" in Darwin) lib="target/debug/libvpskit_uniffi.dylib" ;; *) lib="target/debug/libvpskit_uniffi.so" ;; esac
out="$here/build/generated"
rm -rf "$out"
target/debug/uniffi-bindgen generate --library "$lib" --language swift --out-dir "$out" --no-format
cp "$out/Vpskit.swift" "$here/Sources/Vpskit/Vpskit.swift"
for f in "$out/Vpskit.swift" "$out/VpskitFFI.h" "$out/VpskitFFI.modulemap"; do
  [ -s "$f" ] || { echo "missing generated file: $f" >&2; exit 1; }
done
for symbol in "open class FaithServerClient" "open class VpsOrgClient" "public protocol HttpTransport" \
              "enum VpskitError: Swift.Error" "open class Secret"; do
  grep -q "$symbol" "$out/Vpskit.swift" || { echo "generated Swift lacks: $symbol" >&2; exit 1; }
done
echo "swift sources generated: $(wc -l < "$out/Vpskit.swift") lines in Vpskit.swift, VpskitFFI.h, VpskitFFI.modulemap"
