#!/usr/bin/env bash
# macOS only: builds the static library for iOS, the iOS simulator and macOS, and wraps it with
# the generated header and module map into build/VpskitFFI.xcframework for Package.swift.
set -euo pipefail
[ "$(uname -s)" = "Darwin" ] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bash "$here/generate.sh"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
  cargo build --manifest-path "$root/Cargo.toml" --locked --release -p vpskit-uniffi --target "$t"
done
headers="$here/build/headers"
rm -rf "$headers" "$here/build/VpskitFFI.xcframework"
mkdir -p "$headers"
cp "$here/build/generated/VpskitFFI.h" "$headers/"
cp "$here/build/generated/VpskitFFI.modulemap" "$headers/module.modulemap"
lipo -create "$root/target/aarch64-apple-ios-sim/release/libvpskit_uniffi.a" "$root/target/x86_64-apple-ios/release/libvpskit_uniffi.a" \
  -output "$here/build/libvpskit_uniffi_sim.a"
lipo -create "$root/target/aarch64-apple-darwin/release/libvpskit_uniffi.a" "$root/target/x86_64-apple-darwin/release/libvpskit_uniffi.a" \
  -output "$here/build/libvpskit_uniffi_macos.a"
xcodebuild -create-xcframework \
  -library "$root/target/aarch64-apple-ios/release/libvpskit_uniffi.a" -headers "$headers" \
  -library "$here/build/libvpskit_uniffi_sim.a" -headers "$headers" \
  -library "$here/build/libvpskit_uniffi_macos.a" -headers "$headers" \
  -output "$here/build/VpskitFFI.xcframework"
echo "built $here/build/VpskitFFI.xcframework"
