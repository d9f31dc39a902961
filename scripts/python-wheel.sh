#!/usr/bin/env bash
# Builds the vpskit wheel and installs it into a fresh virtual environment at target/python-venv
# (with the test requirements), as a user would get it. Used by scripts/test.sh and scripts/bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/target/python-venv"
rm -rf "$venv" "$root/target/wheels"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-test.txt
(cd python && "$venv/bin/maturin" build --release --quiet --locked --out "$root/target/wheels")
wheel=$(ls "$root"/target/wheels/vpskit-*.whl)
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall "$wheel"
ls -l "$wheel"
