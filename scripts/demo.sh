#!/usr/bin/env bash
# The README's main job: the vpskit demo. Until the mock gateway lands (issue 3) it runs the
# core's sans-IO walk-through example, which builds and parses every kind of request offline.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked --example walkthrough "$@"
