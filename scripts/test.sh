#!/usr/bin/env bash
# Runs every test of every language vpskit has today. This is the README's test command.
# Each suite prints its runner's summary line; the script stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

section() { printf '\n==> %s\n' "$*"; }

section "Rust: format"
cargo fmt --all -- --check

section "Rust: clippy (all crates and targets, warnings are errors)"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

section "Rust: tests (core unit, vectors, client, properties, doc examples; mock endpoints and end-to-end)"
cargo test --workspace --exclude vpskit-python --all-features --locked

section "Rust: docs (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --exclude vpskit-python --all-features --no-deps --locked --quiet
echo "docs built"

section "Python: build the wheel, install it into a fresh virtual environment"
venv="$root/target/python-venv"
rm -rf "$venv" "$root/target/wheels"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-test.txt
(cd python && "$venv/bin/maturin" build --release --quiet --locked --out "$root/target/wheels")
wheel=$(ls "$root"/target/wheels/vpskit-*.whl)
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall "$wheel"
ls -l "$wheel"

section "Python: pytest (vectors, every operation on urllib/requests/httpx/asyncio, faults, secrets, mypy --strict)"
cargo build --quiet --locked -p vpskit-mock --bin vpskit-mock
(cd python && VPSKIT_MOCK_BIN="$root/target/debug/vpskit-mock" "$venv/bin/python" -m pytest -q -p no:cacheprovider)
