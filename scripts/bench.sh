#!/usr/bin/env bash
# The README's bench command: every benchmark of every host, each figure next to its baseline
# measured in the same run. Writes BENCHMARKS.md and benchmarks.json at the repository's root.
#
#   bash scripts/bench.sh           # the full run (about 10 minutes on 2 cores)
#   bash scripts/bench.sh --smoke   # a few iterations of each, to prove they run (CI); the report
#                                   # goes to target/bench-smoke/ and judges nothing
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

smoke=""
run="$root/target/bench"
if [ "${1:-}" = "--smoke" ]; then
  smoke="--smoke"
  run="$root/target/bench-smoke"
fi
rm -rf "$run" "$root/target/criterion"
mkdir -p "$run"
section() { printf '\n==> %s\n' "$*"; }

section "Setup: install what is missing"
bash scripts/setup.sh

section "Bodies: the plain and realistic list_servers bodies every host's parse benchmark reads"
python3 benches/bodies.py "$run/bodies"
export VPSKIT_BENCH_BODIES="$run/bodies"

section "Rust: criterion (list_servers build + parse against plain serde; request build; capability check)"
if [ -n "$smoke" ]; then
  # Smoke runs reuse the test build (dev profile): they prove the benchmarks run, not their speed.
  cargo bench --locked --profile dev --bench parse -- --warm-up-time 0.05 --measurement-time 0.1 --sample-size 10 2>&1 | grep -E '^(list_servers|request_build|check_every)|time:' | grep -v '%'
else
  cargo bench --locked --bench parse -- --warm-up-time 2 --measurement-time 6 2>&1 | grep -E '^(list_servers|request_build|check_every)|time:' | grep -v '%'
fi

section "Mock gateway: requests per second on loopback"
if [ -n "$smoke" ]; then
  cargo bench --locked --profile dev -p vpskit-mock --bench throughput -- --seconds 1 --out "$run/mock.json"
else
  cargo bench --locked -p vpskit-mock --bench throughput -- --seconds 10 --out "$run/mock.json"
fi

section "Python: parse, per-call overhead, import time, wheel size"
bash scripts/python-wheel.sh
(cd python && "$root/target/python-venv/bin/python" benches/bench.py --bodies "$run/bodies" --out "$run/python.json" \
  --wheel "$(ls "$root"/target/wheels/vpskit-*.whl)" $smoke)

section "JavaScript: parse through the wasm package, package sizes"
(cd wasm && npm ci --no-audit --no-fund --loglevel=error)
bash wasm/build.sh
(cd wasm && node benches/bench.mjs --bodies "$run/bodies" --out "$run/node.json" $smoke)

section "JavaScript: the sample dashboard's production bundle (Vite), sizes"
(cd examples/dashboard && npm ci --no-audit --no-fund --loglevel=error \
  && { npm run --silent build >"$root/target/dashboard-build.log" 2>&1 || { cat "$root/target/dashboard-build.log"; exit 1; }; } \
  && node scripts/bundle-size.mjs --out "$run/dashboard.json")

section "Kotlin: parse through uniffi against kotlinx-serialization"
mvn_log="$run/kotlin.log"
# The full run measures the cdylib as shipped (release); the smoke run reuses the tests' debug build.
kotlin_profile=()
if [ -z "$smoke" ]; then
  kotlin_profile=(-Dcargo.profile=release -Dcargo.profile.dir=release)
fi
if (cd bindings/kotlin && mvn -B --no-transfer-progress test -Dtest=ParseBenchmark "${kotlin_profile[@]}" \
      -Dvpskit.bench.out="$run/kotlin.json" -Dvpskit.bench.bodies="$run/bodies" -Dvpskit.bench.smoke="$([ -n "$smoke" ] && echo true || echo false)" \
      >"$mvn_log" 2>&1); then
  grep -E 'Kotlin:|Tests run:' "$mvn_log" | head -4
else
  tail -60 "$mvn_log"
  exit 1
fi

section "Report"
if [ -n "$smoke" ]; then
  python3 scripts/bench_report.py "$run" "$run/BENCHMARKS.md" "$run/benchmarks.json"
  echo "bench smoke run: every benchmark ran (figures are not judged in smoke runs)"
else
  python3 scripts/bench_report.py "$run" "$root/BENCHMARKS.md" "$root/benchmarks.json"
fi
