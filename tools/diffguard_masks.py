"""How does the DSG mask shape DiffGuard-CFG's score? Reads a finished `diffguard` run's saved scores, recomputes the
GradCAM mask of every scored image for the label it was guided toward (the prediction, or the oracle's label), and
prints per variant: the mask's area for ID and near-OOD images, the near-OOD AUROC of the area alone, the rank
correlation of area and similarity, and the similarity's AUROC within thirds of the area.

    python tools/diffguard_masks.py runs/fmnist6/diffguard/default cfg cfg_oracle

The masks are recomputed, not read: `gradcam_mask` is deterministic given the classifier, the image and the label,
and the run saved the label of every image. The classifier is the benchmark's seed-0 model, as in the notebook.
"""
import json, sys
import numpy as np, torch
from scipy.stats import spearmanr
from diffood.data import load_benchmark
from diffood.classifiers import get_classifier
from diffood.diffguard import gradcam_mask
from diffood.metrics import auroc

run, variants = sys.argv[1], sys.argv[2:] or ['cfg', 'cfg_oracle']
res = json.load(open(f'{run}/results.json'))
bench = load_benchmark(res['meta']['params']['benchmark'])
near = list(bench.near_ood)
if not near: raise SystemExit(f'{bench.name} has no near-OOD sets: this analysis compares ID with near-OOD')
clf = get_classifier(bench, 0).eval()
sim = res['similarity_choice']['cfg']
splits = {'id_test': bench.test, **bench.near_ood}

def images(name):
    "The run's subset of split `name`, in the order it was scored (by the saved source indices)."
    s = splits[name]; pos = {int(i): p for p, i in enumerate(s.indices)}
    return s[torch.tensor([pos[i] for i in res['subsets'][name]])].float()

sizes = {k: len(v) for k, v in res['subsets'].items()}
for var in variants:
    d = np.load(f'{run}/scores/{var}/scores.npz')
    sz = sizes if len(d[sim]) == sum(sizes.values()) else {k: n for k, n in sizes.items() if k != 'id_val' and not k.startswith('val_')}
    start = dict(zip(sz, np.cumsum([0, *sz.values()])[:-1]))
    area, score = {}, {}
    for k in ['id_test'] + near:
        lab = torch.as_tensor(d['label'][start[k]:start[k] + sz[k]])
        area[k] = gradcam_mask(clf, images(k), lab)[1].float().mean((1, 2, 3)).numpy()
        score[k] = d[sim][start[k]:start[k] + sz[k]]
    a_id, s_id = area['id_test'], score['id_test']
    a_ood, s_ood = np.concatenate([area[k] for k in near]), np.concatenate([score[k] for k in near])
    a, s = np.r_[a_id, a_ood], np.r_[s_id, s_ood]
    print(f'{var} ({sim[4:]}): near-OOD AUROC of the similarity {auroc(s_id, s_ood):.1f}; '
          f'of the mask area alone (larger = ID) {auroc(a_id, a_ood):.1f}')
    print(f'   mask area (fraction of pixels): ID {a_id.mean():.3f} ± {a_id.std():.3f}, near-OOD {a_ood.mean():.3f} ± {a_ood.std():.3f}; '
          + ', '.join(f'{k} {area[k].mean():.3f}' for k in near))
    print(f'   Spearman rank correlation of area and similarity: {spearmanr(a, s).statistic:+.2f} '
          f'(ID {spearmanr(a_id, s_id).statistic:+.2f}, near-OOD {spearmanr(a_ood, s_ood).statistic:+.2f})')
    cuts = np.quantile(a, [1/3, 2/3])
    for lo, hi, nm in ((-np.inf, cuts[0], 'smallest'), (cuts[0], cuts[1], 'middle'), (cuts[1], np.inf, 'largest')):
        i, o = (a_id > lo) & (a_id <= hi), (a_ood > lo) & (a_ood <= hi)
        if i.sum() > 3 and o.sum() > 3:
            print(f'   {nm} third of areas ({lo:.2f}, {hi:.2f}]: {i.sum()} ID, {o.sum()} near-OOD, similarity AUROC within {auroc(s_id[i], s_ood[o]):.1f}')
        else: print(f'   {nm} third of areas: {i.sum()} ID, {o.sum()} near-OOD (too few for an AUROC)')
