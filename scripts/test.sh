#!/usr/bin/env bash
# Runs every test of every language vpskit has today. This is the README's test command.
# Each suite prints its runner's summary line; the script stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==> %s\n' "$*"; }

section "Rust: format"
cargo fmt --all -- --check

section "Rust: clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

section "Rust: tests (unit, conformance vectors, client, properties, doc examples)"
cargo test --workspace --all-features --locked

section "Rust: docs (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --all-features --no-deps --locked --quiet
echo "docs built"
