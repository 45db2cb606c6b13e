"""Run review-a diaries through the real cramplog CLI.

usage: run.py START END [--planted KIND:OR] [--out DIR] [--years Y] [--workers 2]
For each seed: write the export JSON, set units / zone / day boundary in a fresh CRAMPLOG_HOME,
import into a fresh DB, run insights --json (no context, night, running, stretching) and the plain
text (no context), save everything to OUT/SEED.json, delete the DB.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen import make_diary

CLI = os.path.join(HERE, "..", "..", ".venv", "bin", "cramplog")  # the README's install
CONTEXTS = [None, "night", "running", "stretching"]


def sh(args, env):
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def one(seed, planted, outdir, years):
    out_path = os.path.join(outdir, f"{seed}.json")
    if os.path.exists(out_path):
        return seed, "cached"
    t0 = time.time()
    work = tempfile.mkdtemp(prefix=f"cramplog-independent-{seed}-")
    try:
        return _one_in(work, seed, planted, out_path, years, t0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one_in(work, seed, planted, out_path, years, t0):
    env = dict(os.environ, CRAMPLOG_HOME=os.path.join(work, "home"))
    env.pop("CRAMPLOG_DB", None)
    ex, meta = make_diary(seed, planted, years)
    dj = os.path.join(work, "diary.json")
    with open(dj, "w") as f:
        json.dump(ex, f)
    db = os.path.join(work, "diary.db")
    rec = {"seed": seed, "meta": meta, "n_entries": len(ex["entries"]), "errors": []}
    cfg = [("display.units", meta["units"]), ("journal.timezone", meta["zone"])]
    if meta["boundary_h"] != 4:
        cfg.append(("journal.day_boundary", f"{meta['boundary_h']:02d}:00"))
    for k, v in cfg:
        rc, o, e = sh([CLI, "--db", db, "config", "set", k, v], env)
        if rc:
            rec["errors"].append(f"config {k}: {rc} {e.strip()}")
    rc, o, e = sh([CLI, "--db", db, "import", dj, "--json"], env)
    rec["import_rc"] = rc
    rec["import_stderr"] = e
    try:
        rec["import"] = json.loads(o)
    except Exception:
        rec["import"] = None
        rec["errors"].append(f"import: {rc} {o[:300]} {e[:300]}")
    rec["insights"] = {}
    for ctx in CONTEXTS:
        args = [CLI, "--db", db, "insights", "--json"] + (["--context", ctx] if ctx else [])
        rc, o, e = sh(args, env)
        try:
            rec["insights"][ctx or "all"] = json.loads(o)
        except Exception:
            rec["insights"][ctx or "all"] = None
            rec["errors"].append(f"insights {ctx}: {rc} {o[:300]} {e[-600:]}")
        if e.strip():
            rec.setdefault("insights_stderr", {})[ctx or "all"] = e[-2000:]
    rc, o, e = sh([CLI, "--db", db, "insights"], env)
    rec["text_all"] = o
    rec["elapsed"] = time.time() - t0
    with open(out_path + ".tmp", "w") as f:
        json.dump(rec, f)
    os.replace(out_path + ".tmp", out_path)
    return seed, f"{rec['elapsed']:.1f}s {len(rec['errors'])} errors"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("start", type=int)
    ap.add_argument("end", type=int)
    ap.add_argument("--planted")
    ap.add_argument("--out", default=os.path.join(HERE, "..", ".cache", "independent", "null"))
    ap.add_argument("--years", type=float)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    planted = None
    if a.planted:
        k, v = a.planted.split(":")
        planted = (k, float(v))
    os.makedirs(a.out, exist_ok=True)
    with ProcessPoolExecutor(a.workers) as pool:
        futs = [pool.submit(one, s, planted, a.out, a.years) for s in range(a.start, a.end)]
        for f in futs:
            s, msg = f.result()
            print(s, msg, flush=True)


if __name__ == "__main__":
    main()
