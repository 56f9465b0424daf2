#!/usr/bin/env bash
# Install (if needed) and run the test suite: every library notebook under nbdev-test, slow cells skipped.
# Pass --flags slow to include the slow cells too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
exec .venv/bin/python tools/run_tests.py "$@"
