"""Runs train.py twice with --seed 7 into two fresh directories and compares metrics.json.

Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import json
import os
import subprocess
import sys
import tempfile


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def run(out):
    done = subprocess.run(
        [sys.executable, "train.py", "--seed", "7", "--out", out],
        capture_output=True, text=True, timeout=120,
    )
    if done.returncode != 0:
        report("fail", f"python train.py --seed 7 --out DIR exited with {done.returncode}: {done.stderr[-500:]}")
    path = os.path.join(out, "metrics.json")
    if not os.path.exists(path):
        report("fail", "python train.py --seed 7 --out DIR wrote no DIR/metrics.json: does --out decide where it goes?")
    with open(path, "rb") as f:
        return f.read()


def main():
    if not os.path.exists("train.py"):
        report("fail", "train.py not found")
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        try:
            a, b = run(first), run(second)
        except subprocess.TimeoutExpired:
            report("error", "train.py took more than 120 s")
    if a != b:
        report("fail", "two runs with --seed 7 wrote different metrics.json files")
    try:
        seed = json.loads(a).get("seed")
    except ValueError:
        report("fail", "metrics.json is not JSON")
    if seed != 7:
        report("fail", f"metrics.json says seed {seed!r} after --seed 7")
    report("pass", "two runs with --seed 7 wrote identical metrics.json")


if __name__ == "__main__":
    main()
