#!/usr/bin/env bash
# The Python packages as users install them (after scripts/python-wheel.sh built the vpskit wheel):
# - the `vpskit-mock` wheel (the mock binary, packed by maturin);
# - `twine check` and `auditwheel show` of both wheels;
# - a user's pytest suite (examples/pytest) on the `vpskit_mock` fixture, in a clean virtual
#   environment holding only pytest and the two wheels, run outside the tree with no
#   VPSKIT_MOCK_BIN: the fixture finds the binary the mock wheel installed;
# - the sdist, built and installed into a clean virtual environment (nothing preinstalled: pip
#   fetches maturin and compiles the crate);
# - the API reference (pdoc; warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/target/python-venv"
tools="$root/target/python-tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pip_quiet() { "$1/bin/pip" install --quiet --disable-pip-version-check "${@:2}"; }

echo "-- vpskit-mock wheel"
rm -rf "$root/target/wheels-mock"
(cd mock && "$venv/bin/maturin" build --release --locked --quiet --out "$root/target/wheels-mock")
wheel=$(ls "$root"/target/wheels/vpskit-*.whl)
mock_wheel=$(ls "$root"/target/wheels-mock/vpskit_mock-*.whl)

echo "-- twine check, auditwheel show"
rm -rf "$tools"
python3 -m venv "$tools"
pip_quiet "$tools" twine==7.0.0 auditwheel==6.8.2 pdoc==16.0.0 "$wheel"
"$tools/bin/twine" check --strict "$wheel" "$mock_wheel"
# The README names the policy (manylinux_2_34: built on Debian 12's glibc); a change must show here.
for w in "$wheel" "$mock_wheel"; do
  policy=$("$tools/bin/auditwheel" show "$w" | tr '\n' ' ' | grep -o '"manylinux_[0-9_]*x86_64"' | head -1)
  echo "$(basename "$w"): auditwheel: consistent with $policy"
  [ "$policy" = '"manylinux_2_34_x86_64"' ] || { echo "README says manylinux_2_34_x86_64; update it" >&2; exit 1; }
done

echo "-- a user's pytest suite on the vpskit_mock fixture (clean venv: pytest + the two wheels)"
python3 -m venv "$work/user"
pip_quiet "$work/user" "pytest>=8,<10" "$wheel" "$mock_wheel"
mkdir "$work/suite"
cp examples/pytest/test_my_automation.py "$work/suite/"
(cd "$work/suite" && env -u VPSKIT_MOCK_BIN "$work/user/bin/python" -m pytest -q -p no:cacheprovider)

echo "-- the sdist, installed into a clean virtual environment"
rm -rf "$root/target/sdist"
(cd python && "$venv/bin/maturin" sdist --out "$root/target/sdist" >/dev/null)
python3 -m venv "$work/clean"
pip_quiet "$work/clean" "$root"/target/sdist/vpskit-*.tar.gz
(cd "$work" && "$work/clean/bin/python" -c 'import vpskit; print("sdist installed: vpskit", vpskit.__version__)')

echo "-- API reference (pdoc, warnings are errors)"
rm -rf "$root/target/python-api-docs"
"$tools/bin/python" -W error -m pdoc vpskit -o "$root/target/python-api-docs"
echo "pdoc: target/python-api-docs built, no warnings"
