"""Train the diffusion models of the offline benchmarks on whatever device is present (a GPU when there is one),
probing the conditional model's CFG fidelity along the way.

    python tools/train_models.py --bench fmnist6 --steps 3000 --probe 500 --out DIR

Models go to the diffood cache (`$DIFFOOD_CACHE`), exactly where `get_diffusion` looks for them with the same
configuration, and are copied to DIR with a JSON log of steps/s and fidelity per probe.
"""
import argparse, json, shutil, time
from pathlib import Path
import torch
from diffood.core import atomic_write, get_device
from diffood.data import load_benchmark
from diffood.classifiers import get_classifier
from diffood.train import train_diffusion, diffusion_path, make_unet, cfg_fidelity

p = argparse.ArgumentParser()
p.add_argument('--bench', nargs='+', default=['fmnist6'])
p.add_argument('--steps', type=int, default=3000)
p.add_argument('--max-minutes', type=float, default=0., help='time cap per model; 0: none')
p.add_argument('--probe', type=int, default=0, help='fidelity probe every N steps (conditional models); 0: at the end only')
p.add_argument('--scales', type=float, nargs='+', default=[1., 3., 5.])
p.add_argument('--per-class', type=int, default=50)
p.add_argument('--kinds', nargs='+', default=['cond', 'uncond'])
p.add_argument('--cfg', default='{}', help='JSON overrides of DIFFUSION_DEFAULTS, e.g. \'{"batch_size": 32, "snr_gamma": 5}\'')
p.add_argument('--out', default='.')
a = p.parse_args(); over = json.loads(a.cfg)   # the --cfg overrides
out = Path(a.out); out.mkdir(parents=True, exist_ok=True); log = []; probe_s = [0.]
dev = get_device()
if dev.type == 'cuda': torch.backends.cudnn.benchmark = True

def save_log():
    with atomic_write(out/'train_log.json', 'w') as f: json.dump(log, f, indent=1)

for name in a.bench:
    bench = load_benchmark(name); clf = get_classifier(bench, 0, device=dev).eval()
    for kind in a.kinds:
        probe_s[0] = 0.; cond = kind == 'cond'; cfg = dict(over, steps=a.steps, max_minutes=a.max_minutes or None)
        path = diffusion_path(bench, cond, 0, **cfg); part = path.with_suffix('.partial.pt'); t0 = time.time()
        def probe(step, loss):
            if not (cond and a.probe and step % a.probe == 0 and step < a.steps): return
            t1 = time.time()
            m = make_unet(bench.num_classes, bench.image_shape, **cfg)
            ck = torch.load(part, map_location='cpu', weights_only=False); m.load_state_dict(ck['ema']); m.to(dev).eval()
            fid = {w: cfg_fidelity(m, clf, bench, w, a.per_class, device=dev)['all'] for w in a.scales}
            log.append(dict(bench=name, kind=kind, cfg=over, step=step, seconds=time.time() - t0, loss=loss, fidelity=fid)); save_log()
            print(name, kind, step, f'{time.time() - t0:.0f}s', fid, flush=True); probe_s[0] += time.time() - t1
        m = train_diffusion(bench, cond, 0, device=dev, progress=False, ckpt_every=a.probe or 200, callback=probe, **cfg)
        sec = m.info['train_seconds'] - probe_s[0]
        row = dict(bench=name, kind=kind, cfg=over, step=m.info['steps'], seconds=sec, probe_seconds=probe_s[0], steps_per_s=m.info['steps']/sec, device=torch.cuda.get_device_name() if dev.type == 'cuda' else 'cpu')
        if cond: row['fidelity'] = {w: cfg_fidelity(m, clf, bench, w, a.per_class, device=dev)['all'] for w in a.scales}
        log.append(row); save_log(); print(row, flush=True)
        shutil.copy(path, out/path.name)
