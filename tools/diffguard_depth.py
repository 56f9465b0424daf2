"""Is DiffGuard's score driven by the early-stop depth? Reads a finished `diffguard` run's saved scores and prints, per
variant, the near-OOD AUROC of a few similarities, of the start step alone, and of the similarity within groups of
images that share a start step.

    python tools/diffguard_depth.py runs/fmnist6/diffguard/default gdm gdm_neither gdm_oracle cfg

Main variants hold the validation and test images; oracle and ablation variants the test images only.
"""
import json, sys
import numpy as np
from diffood.data import load_benchmark
from diffood.metrics import auroc

run, variants = sys.argv[1], sys.argv[2:] or ['gdm']
res = json.load(open(f'{run}/results.json'))
sizes = {k: len(v) for k, v in res['subsets'].items()}
near = list(load_benchmark(res['meta']['params']['benchmark']).near_ood)
if not near: raise SystemExit(f"{res['meta']['params']['benchmark']} has no near-OOD sets: this analysis compares ID with near-OOD")

for var in variants:
    d = np.load(f'{run}/scores/{var}/scores.npz')
    sz = sizes if len(d['start']) == sum(sizes.values()) else {k: n for k, n in sizes.items() if k != 'id_val' and not k.startswith('val_')}
    bounds = dict(zip(sz, np.cumsum([0, *sz.values()])[:-1])); seg = lambda k, f: d[f][bounds[k]:bounds[k] + sz[k]]
    idt = {f: seg('id_test', f) for f in ('start', 'sim_vif', 'sim_fsim', 'sim_l2', 'sim_logits')}
    ood = {f: np.concatenate([seg(k, f) for k in near]) for f in idt}
    print(f"{var}: near-OOD AUROC  vif {auroc(idt['sim_vif'], ood['sim_vif']):.1f}  fsim {auroc(idt['sim_fsim'], ood['sim_fsim']):.1f}  "
          f"l2 {auroc(idt['sim_l2'], ood['sim_l2']):.1f}  logits {auroc(idt['sim_logits'], ood['sim_logits']):.1f}  "
          f"| start step alone (deeper = OOD) {auroc(-idt['start'], -ood['start']):.1f}")
    print(f"   mean start step: ID {idt['start'].mean():.1f}, near-OOD {ood['start'].mean():.1f}")
    for s in np.unique(np.r_[idt['start'], ood['start']]):
        a, b = idt['sim_vif'][idt['start'] == s], ood['sim_vif'][ood['start'] == s]
        if len(a) > 3 and len(b) > 3: print(f'   start {s}: {len(a)} ID, {len(b)} near-OOD, VIF AUROC within the group {auroc(a, b):.1f}')
