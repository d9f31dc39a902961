#!/usr/bin/env bash
# The README's main job: starts the mock gateway in-process and takes you through vpskit.
# With FAITHSERVER_API_KEY and/or VPSORG_API_TOKEN set, `bash scripts/demo.sh --real` runs only
# read-only calls against the real APIs instead.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked -p vpskit-mock --features demo --bin vpskit-demo -- "$@"
