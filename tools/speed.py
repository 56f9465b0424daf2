"""Throughput of the diffusion pieces on whatever device is present (a GPU when there is one).

    python tools/speed.py --bench fmnist6 --out DIR

Measures, on the benchmark's cached models (see `get_diffusion`):
- the UNet forward in images/s: fp32, channels_last, bf16 and fp16 autocast, at batch 64 and 512;
- DiffGuard (GDM with early stop, and CFG with DSG) batched against one image at a time, and bf16 autocast against
  fp32 (max |score difference| over every similarity);
- DiffOOD's batched pass against the reference loop (`reference_features`), and bf16 against fp32;
- with `--parts diffood_batch`: the conditional UNet's rows/s at 8 to 192 rows per forward, and the DiffOOD detector's
  images/s at each of `--batch-sizes` on the first `--serial` images (which batch size suits this device).
Writes DIR/speed_<device>.json.
"""
import argparse, contextlib, json, time
from pathlib import Path
import torch
from diffood.core import atomic_write, get_device
from diffood.data import load_benchmark
from diffood.classifiers import get_classifier
from diffood.train import get_diffusion
from diffood.diffusion import unet_eps_fn
from diffood.detectors import get_detector
from diffood.diffood import diffood_features, reference_features, SPACES

p = argparse.ArgumentParser()
p.add_argument('--bench', default='fmnist6')
p.add_argument('--n', type=int, default=64, help='images (half ID test, half near-OOD)')
p.add_argument('--serial', type=int, default=8, help='images run one at a time')
p.add_argument('--parts', nargs='+', default=['unet', 'diffguard', 'diffood'])
p.add_argument('--batch-sizes', nargs='+', type=int, default=[1, 2, 4, 8, 16], help='DiffOOD batch sizes for diffood_batch')
p.add_argument('--out', default='.')
a = p.parse_args()
dev = get_device()
name = torch.cuda.get_device_name().replace(' ', '_') if dev.type == 'cuda' else 'cpu'
out, res = Path(a.out), dict(device=name, torch=torch.__version__, threads=torch.get_num_threads())
out.mkdir(parents=True, exist_ok=True)

def sync():
    if dev.type == 'cuda': torch.cuda.synchronize()

def timed(fn, reps=1):
    fn(); sync(); t0 = time.perf_counter()
    for _ in range(reps): r = fn()
    sync(); return r, (time.perf_counter() - t0)/reps

def amp(dtype): return torch.autocast(dev.type, dtype=dtype) if dtype is not None else contextlib.nullcontext()

def save():
    with atomic_write(out/f'speed_{name}.json', 'w') as f: json.dump(res, f, indent=1)
    print(json.dumps(res, indent=1), flush=True)

bench = load_benchmark(a.bench); clf = get_classifier(bench, 0, device=dev).eval()
unet_c, unet_u = (get_diffusion(bench, c, 0, device=dev, progress=False) for c in (True, False))
g = torch.Generator().manual_seed(0)
near = torch.cat([s.images for s in bench.near_ood.values()])
x = torch.cat([bench.test.images[torch.randperm(len(bench.test), generator=g)[:a.n//2]],
               near[torch.randperm(len(near), generator=g)[:a.n - a.n//2]]]).float()/255

# UNet forward
res['unet'] = {}
gpu = dev.type == 'cuda'
for bs in ((64, 512) if gpu else (64,)) if 'unet' in a.parts else ():
    xt, t = torch.randn(bs, 1, 32, 32, device=dev), torch.full((bs,), 500, device=dev)
    for label, kw in {'fp32': {}, 'channels_last': dict(channels_last=True), 'bf16': dict(autocast=torch.bfloat16),
                      'fp16': dict(autocast=torch.float16)}.items():
        if not gpu and label == 'fp16': continue
        f = unet_eps_fn(unet_u, **kw)
        with torch.inference_mode(): _, s = timed(lambda: f(xt, t), reps=10 if gpu else 2)
        res['unet'][f'{label} batch {bs}'] = bs/s
    unet_u.to(memory_format=torch.contiguous_format)
save()

def sims(r): return {k: v.double() for k, v in r.items() if k.startswith('sim_')}
def maxdiff(r1, r2): return max(float((r1[k] - r2[k]).abs().max()) for k in r1)

# DiffGuard
for variant, unet in (('gdm', unet_u), ('cfg', unet_c)) if 'diffguard' in a.parts else ():
    opts = dict(steps=25, invert_steps=22, classifier_scale=0.3) if variant == 'gdm' else {}
    det = get_detector('diffguard', variant=variant, model=clf, diffusion=unet, batch_size=a.n, **opts)
    row = {}
    ref, tb = timed(lambda: det.run(x))
    row['batched images/s'] = len(x)/tb
    ones, ts = timed(lambda: [det.run(x[i:i+1]) for i in range(a.serial)])
    row['one-at-a-time images/s'] = a.serial/ts; row['speed-up'] = row['batched images/s']/row['one-at-a-time images/s']
    one = {k: torch.cat([o[k] for o in ones]) for k in ones[0]}
    row['batched vs one-at-a-time max |diff|'] = maxdiff({k: v[:a.serial] for k, v in sims(ref).items()}, sims(one))
    for label, dt in (('bf16', torch.bfloat16), ('fp16', torch.float16))[:2 if gpu else 1]:
        with amp(dt): r, tl = timed(lambda: det.run(x))
        row[f'{label} images/s'] = len(x)/tl; row[f'{label} vs fp32 max |diff|'] = maxdiff(sims(ref), sims(r))
        row[f'{label} vs fp32 max |diff| (ssim)'] = float((sims(ref)['sim_ssim'] - sims(r)['sim_ssim']).abs().max())
    if variant == 'gdm': row['unet evals per image'] = float(ref['unet_evals'].double().mean())
    res[f'diffguard_{variant}'] = row; save()

# DiffOOD
if 'diffood' not in a.parts and 'diffood_batch' not in a.parts: raise SystemExit(0)
x = x.to(dev)
if 'diffood_batch' in a.parts:
    rows, f = {}, unet_eps_fn(unet_c)
    for n in (8, 24, 64, 192):
        xt, t, y = torch.randn(n, 1, 32, 32, device=dev), torch.full((n,), 300, device=dev), torch.zeros(n, dtype=torch.long, device=dev)
        with torch.inference_mode(): _, s = timed(lambda: f(xt, t, class_labels=y), reps=max(2, 384//n))
        rows[n] = n/s
    res['unet_conditional_rows_per_s'] = rows
    sizes = {}
    for bs in a.batch_sizes:
        det = get_detector('diffood', model=clf, diffusion=unet_c, batch_size=bs)
        _, s = timed(lambda: det.features(x[:a.serial]))
        sizes[bs] = a.serial/s
    res['diffood_images_per_s_by_batch_size'] = sizes; save()
if 'diffood' not in a.parts: raise SystemExit(0)
row = {}
f32, tb = timed(lambda: diffood_features(clf, unet_c, x))
row['batched images/s'] = len(x)/tb
k = max(1, a.serial//4)
rf, tr = timed(lambda: reference_features(clf, unet_c, x[:k]))
row['loop images/s'] = k/tr; row['speed-up'] = row['batched images/s']/row['loop images/s']
row['batched vs loop max |diff|'] = max(float((f32[s][:k].cpu() - rf[s].cpu()).abs().max()) for s in SPACES)
for label, dt in (('bf16', torch.bfloat16), ('fp16', torch.float16))[:2 if gpu else 1]:
    with amp(dt): r, tl = timed(lambda: diffood_features(clf, unet_c, x))
    row[f'{label} images/s'] = len(x)/tl
    row[f'{label} vs fp32 max |feature diff|'] = max(float((f32[s].cpu() - r[s].float().cpu()).abs().max()) for s in SPACES)
res['diffood'] = row; save()
