"""DiffGuard on the papers' architectures, with random weights: the real ADM 256x256 unconditional network (GDM) and
CompVis cin256-v2 (LDM with CFG), each with a torchvision ResNet-50 at 224 px, on a few images of a miniature
OpenOOD-layout root read with ImageNet's preprocessing. It checks that the adapter, the fit (224 -> 256) and the
detectors work at paper scale, and times them; the weights are random, so the scores mean nothing.

    .venv/bin/python tools/paper_arch_smoke.py [--images 2] [--steps 10] [--out runs/cpu/paper_arch_smoke.json]
"""
import argparse, json, resource, tempfile, time, platform
from pathlib import Path
import torch
from diffood.core import save_json, seed_everything
from diffood.data import make_openood_root, load_benchmark, iter_batches
from diffood.classifiers import ResNet50
from diffood.pretrained import adm_unet, ldm_parts, ldm_scheduler, LatentModel, LDM_CIN256
from diffood.models import as_diffusion
from diffood.detectors import get_detector

ADM_256_UNCOND = dict(image_size=256, num_channels=256, num_res_blocks=2, attention_resolutions='32,16,8', num_head_channels=64,
                      resblock_updown=True, use_scale_shift_norm=True, learn_sigma=True, class_cond=False, diffusion_steps=1000,
                      noise_schedule='linear')

def main():
    p = argparse.ArgumentParser(); p.add_argument('--images', type=int, default=2); p.add_argument('--steps', type=int, default=10)
    p.add_argument('--out', default='runs/cpu/paper_arch_smoke.json'); a = p.parse_args()
    seed_everything(0); dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    with tempfile.TemporaryDirectory() as tmp:
        make_openood_root(tmp, names=['imagenet'], n=max(a.images, 2), size=64)
        bench = load_benchmark('imagenet', root=tmp)                 # OpenOOD's preprocessing: 256, centre crop 224
        x = next(iter_batches(bench.test, batch_size=a.images))[0].float().div(255).to(dev)
    clf = ResNet50().eval().to(dev)
    rows = {}
    def timed(name, det):
        t0 = time.perf_counter(); r = det.run(x); s = time.perf_counter() - t0
        rows[name] = dict(seconds=round(s, 1), images=len(x), unet_evals_per_image=r['unet_evals'].float().mean().item(),
                          finite=bool(torch.isfinite(r[f'sim_{det.distance}']).all()), diffusion=repr(det.diffusion))
        print(name, rows[name], flush=True)
    adm = adm_unet(**ADM_256_UNCOND).eval().to(dev)
    timed('gdm adm-256-uncond', get_detector('diffguard', model=clf, diffusion=adm, steps=a.steps, invert_steps=a.steps - 3, psnr_stop=-1))
    del adm
    parts = {k: m.eval() for k, (m, _) in ldm_parts(LDM_CIN256).items()}
    ldm = LatentModel(parts['unet'], parts['vae'], ldm_scheduler(), 1000, 1000, parts['class_embedder'])
    timed('cfg ldm-cin256-v2', get_detector('diffguard', model=clf, diffusion=as_diffusion(ldm).to(dev), variant='cfg', cfg_steps=a.steps))
    out = dict(what=__doc__.split('\n\n')[0], steps=a.steps, device=dev, threads=torch.get_num_threads(), machine=platform.processor(),
               peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024), rows=rows,
               command=f'.venv/bin/python tools/paper_arch_smoke.py --images {a.images} --steps {a.steps}')
    save_json(out, a.out); print(json.dumps(out, indent=1))

if __name__ == '__main__': main()
