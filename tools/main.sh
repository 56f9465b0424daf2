#!/usr/bin/env bash
# The main job on the embedded benchmarks: fetch the data, train the classifiers and run every post-hoc
# baseline on fmnist6 and fmnist through the papermill runner. Results land in runs/ and figures/.
# Extra arguments go to diffood-run (e.g. --redo, --gpus 0,1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
.venv/bin/diffood-data
.venv/bin/diffood-run baselines -p benchmark fmnist6 -p benchmark fmnist "$@"
