"""Run every notebook's tests like `nbdev-test`, then print a closing `N passed, N failed` line.

Each notebook is one test; cells flagged `slow` or `cuda` are skipped unless named in --flags.
"""
import argparse, os, sys, time
from pathlib import Path
from nbdev.config import get_config
from nbdev.test import test_nb

# by their time in the suite (fresh clone, 2 workers, this session's machine): 11 98 s, 14b 89, 10 65, 05 62, 13 61, 09 50, 12 47
LONGEST = ['11_diffood.ipynb', '14b_paper_runs_diffood_ncis.ipynb', '10_diffguard.ipynb', '05_runner.ipynb', '13_standins.ipynb',
           '09_scoring.ipynb', '12_ncis.ipynb']

def _one(f, **kw):
    "Test one notebook in this (fresh, spawned) process; its own subprocesses (DataLoader workers, spawn tests) fork as usual."
    import multiprocessing as mp
    mp.set_start_method('fork', force=True)
    return test_nb(f, **kw)

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--flags', default='', help='space-separated flags to run, e.g. "slow"')
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('notebooks', nargs='*', help='notebooks to test (default: all under nbs/)')
    a = p.parse_args()
    cfg = get_config()
    nbs_path = cfg.path('nbs_path')
    files = [Path(f).resolve() for f in a.notebooks] or sorted(
        f for f in nbs_path.rglob('*.ipynb') if not (f.parent/'.notest').exists() and not f.name.startswith(('_', '.'))
        and '.ipynb_checkpoints' not in f.parts)
    # the longest notebooks first, so the two workers finish together (a long one started last would run alone)
    files.sort(key=lambda f: (f.name not in LONGEST, LONGEST.index(f.name) if f.name in LONGEST else 0))
    # one kernel per core: torch's threads fight badly when notebooks run side by side on a small machine
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1)//a.workers)))
    skip = [f for f in cfg.tst_flags if f not in a.flags.split()]
    t0 = time.time()
    # one fresh process per notebook: notebooks run in-process, so a worker reused for a second notebook would keep the
    # first one's imports (e.g. diffood.diffguard's registered detector, clashing with 10_diffguard's own definition)
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial
    import multiprocessing as mp
    run = partial(_one, skip_flags=skip, force_flags=a.flags.split(), basepath=cfg.config_path, do_print=False)
    with ProcessPoolExecutor(a.workers, mp_context=mp.get_context('spawn'), max_tasks_per_child=1) as ex:
        res = list(ex.map(run, files))
    for f, (ok, secs) in zip(files, res): print(f'{"PASS" if ok else "FAIL"} {f.relative_to(nbs_path)} ({secs:.0f} s)')
    n_ok = sum(ok for ok, _ in res)
    print(f'total {time.time()-t0:.0f} s')
    print(f'tests: {n_ok} passed, {len(res)-n_ok} failed')
    sys.exit(0 if n_ok == len(res) else 1)

if __name__ == '__main__': main()
