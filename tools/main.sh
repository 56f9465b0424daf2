#!/usr/bin/env bash
# The main job on the embedded default benchmark, fmnist6: every method (the 11 post-hoc baselines, DiffGuard's
# GDM and CFG variants, DiffOOD, NCIS and Dream-OOD, and fusions) scored on one common set of images, with the
# models that ship with diffood (no training), in the *light* settings (fewer diffusion steps, levels and NCIS
# images; every table says so). It prints per-stage progress and the cross-method table with 95 % bootstrap
# intervals, and ends by comparing its numbers with the committed reference run (runs/fmnist6/compare/main).
#
# Fresh outputs go to out/main/ (never the committed runs/ and figures/); a killed run resumes where it stopped.
# Without the shipped fmnist6 diffusion model it runs the baselines only and says how to get the model.
# Other arguments go to diffood-run (e.g. --redo, --gpus 0).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
.venv/bin/diffood-data
out=out/main
ref=runs/fmnist6/compare/main/results.json
job() {   # the main job's parameters, as -p NAME VALUE arguments, from diffood.artifacts (the plan behind figures/ runs it too)
  .venv/bin/python -c "import json, shlex, sys; from diffood import artifacts as a; j = getattr(a, sys.argv[1])
print(' '.join(f'-p {k} {shlex.quote(json.dumps(v) if not isinstance(v, str) else v)}' for k, v in j.items()))" "$1"
}
if .venv/bin/diffood-models has --bench fmnist6 --kinds "classifier cond"; then
  eval "sizes=(-p benchmark fmnist6 $(job MAIN_JOB))"
else
  echo "the diffusion methods need the shipped fmnist6 models; running the baselines only." >&2
  echo "to train them (about 2 hours on a 2-core CPU, minutes on a GPU): .venv/bin/diffood-models train --bench fmnist6 --kinds 'classifier cond' --ship" >&2
  eval "sizes=(-p benchmark fmnist6 $(job MAIN_JOB_BASELINES))"
fi
[ -f "$ref" ] && sizes+=(-p reference "$PWD/$ref") || echo "no committed reference at $ref: nothing to compare with" >&2
start=$(date +%s)
.venv/bin/diffood-run compare "${sizes[@]}" --tag main \
  --runs-dir "$out/runs" --figures-dir "$out/figures" --log-output "$@"
echo "main job: $(( $(date +%s) - start )) s; table: $out/figures/fmnist6/compare/main/table.md, figure: $out/figures/fmnist6/compare/main/auroc_intervals.png"
