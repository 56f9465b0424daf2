#!/usr/bin/env bash
# The main job on the embedded benchmarks: fetch the data, train the classifiers and run every post-hoc
# baseline on fmnist6 and fmnist through the papermill runner. Results land in runs/ and figures/.
# With --diffusion (first argument) it then runs the diffusion experiments on fmnist6: model quality,
# DiffGuard (3 seeds, with their mean and std), DiffOOD and NCIS; the first run trains the two diffusion models
# (3,000 steps each: about 44 minutes each on a 2-core CPU, 3 minutes on an H100).
# Other arguments go to diffood-run (e.g. --redo, --gpus 0,1).
set -euo pipefail
cd "$(dirname "$0")/.."
diffusion=0
if [[ "${1:-}" == "--diffusion" ]]; then diffusion=1; shift; fi
bash tools/setup.sh
.venv/bin/diffood-data
.venv/bin/diffood-run baselines -p benchmark fmnist6 -p benchmark fmnist "$@"
if (( diffusion )); then
  .venv/bin/diffood-run diffusion_quality -p benchmark fmnist6 "$@"
  .venv/bin/diffood-run diffguard_speed -p benchmark fmnist6 "$@"
  .venv/bin/diffood-run diffguard -p benchmark fmnist6 -p seed 0 -p seed 1 -p seed 2 "$@"
  .venv/bin/diffood-run seeds -p benchmark fmnist6 -p experiment diffguard "$@"
  .venv/bin/diffood-run diffood -p benchmark fmnist6 -p seed 0 "$@"
  .venv/bin/diffood-run ncis -p benchmark fmnist6 -p seed 0 "$@"
fi
