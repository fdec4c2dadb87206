"""Runs the learner's monitor.py on a pair of batches this script generates, and holds its
exit code and drift.json to the lab's rule.

Usage: drift.py CASE   (one of the names in CASES)
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).

The batches are seeded, so every run sees the same data. Columns that are meant to stay
put are drawn again from the reference distribution and kept only when both a KS test and
a chi-square test see no difference (p > 0.2), so any sound per-column test agrees on them;
shifted columns move by one standard deviation, or swap their category shares, which any
sound test flags.
"""
import json
import os
import subprocess
import sys
import tempfile

N_REFERENCE = 800
N_CURRENT = 600
CATEGORIES = ["a", "b", "c"]
SHARES = [0.5, 0.3, 0.2]

# name: (seed, numeric columns, categorical columns, shifted columns)
CASES = {
    "no-drift": (11, ["age", "income", "tenure", "score"], ["segment"], []),
    "mean-shift": (12, ["age", "income", "tenure", "score"], ["segment"], ["age", "income", "tenure"]),
    "category": (13, ["age", "income", "tenure", "score"], ["segment"], ["segment"]),
    "half-of-six": (14, ["latency_ms", "basket", "visits", "discount"], ["country", "device"],
                    ["basket", "visits", "device"]),
    "two-of-six": (15, ["latency_ms", "basket", "visits", "discount"], ["country", "device"],
                   ["latency_ms", "country"]),
}


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def batches(seed, numeric, categorical, shifted):
    """Returns (reference, current) as pandas DataFrames."""
    import numpy as np
    import pandas as pd
    from scipy import stats

    rng = np.random.default_rng(seed)
    reference, current = {}, {}
    for i, name in enumerate(numeric):
        mean, sd = 10.0 * (i + 1), 2.0 + i
        reference[name] = rng.normal(mean, sd, N_REFERENCE).round(3)
        if name in shifted:
            current[name] = rng.normal(mean + sd, sd, N_CURRENT).round(3)
            continue
        while True:
            candidate = rng.normal(mean, sd, N_CURRENT).round(3)
            if stats.ks_2samp(reference[name], candidate).pvalue > 0.2:
                current[name] = candidate
                break
    for name in categorical:
        reference[name] = rng.choice(CATEGORIES, N_REFERENCE, p=SHARES)
        if name in shifted:
            current[name] = rng.choice(CATEGORIES, N_CURRENT, p=SHARES[::-1])
            continue
        while True:
            candidate = rng.choice(CATEGORIES, N_CURRENT, p=SHARES)
            counts = [[int((col == c).sum()) for c in CATEGORIES] for col in (reference[name], candidate)]
            if stats.chi2_contingency(counts).pvalue > 0.2:
                current[name] = candidate
                break
    columns = numeric + categorical
    return pd.DataFrame(reference)[columns], pd.DataFrame(current)[columns]


def main():
    case = sys.argv[1]
    seed, numeric, categorical, shifted = CASES[case]
    monitor = os.path.abspath("monitor.py")
    if not os.path.exists(monitor):
        report("fail", "monitor.py not found")
    try:
        reference, current = batches(seed, numeric, categorical, shifted)
    except ImportError as e:
        report("error", f"the checker needs numpy, pandas and scipy in {sys.executable}: {e}; install the lab's requirements")
    columns = numeric + categorical
    share = len(shifted) / len(columns)
    want_drift = share >= 0.5
    want_exit = 1 if want_drift else 0
    story = f"{len(shifted)} of {len(columns)} columns drift" + (f" ({', '.join(shifted)})" if shifted else "")
    with tempfile.TemporaryDirectory(prefix="drift-check-") as scratch:
        reference.to_csv(os.path.join(scratch, "reference.csv"), index=False)
        current.to_csv(os.path.join(scratch, "current.csv"), index=False)
        try:
            done = subprocess.run([sys.executable, monitor, "reference.csv", "current.csv"],
                                  cwd=scratch, capture_output=True, text=True, timeout=90)
        except subprocess.TimeoutExpired:
            report("error", "monitor.py took more than 90 s")
        said = done.stderr.strip()[-300:]
        if done.returncode not in (0, 1):
            report("fail", f"monitor.py exited with {done.returncode} on a batch where {story}; expected {want_exit}" + (f": {said}" if said else ""))
        path = os.path.join(scratch, "drift.json")
        if not os.path.exists(path):
            report("fail", "monitor.py wrote no drift.json in the current directory")
        try:
            with open(path) as f:
                result = json.load(f)
        except ValueError as e:
            report("fail", f"drift.json is not JSON: {e}")
        html = os.path.join(scratch, "drift_report.html")
        html_size = os.path.getsize(html) if os.path.exists(html) else 0
    if not isinstance(result, dict):
        report("fail", "drift.json must hold one object")
    missing = [k for k in ("dataset_drift", "drifted_columns", "share_drifted") if k not in result]
    if missing:
        report("fail", f"drift.json lacks {', '.join(missing)}")
    drifted = result["drifted_columns"]
    if not isinstance(drifted, list) or not all(isinstance(c, str) for c in drifted):
        report("fail", "drifted_columns must be a list of column names")
    if set(drifted) != set(shifted):
        extra = sorted(set(drifted) - set(shifted))
        lost = sorted(set(shifted) - set(drifted))
        parts = ([f"misses {', '.join(lost)}"] if lost else []) + ([f"names {', '.join(extra)}, which did not move"] if extra else [])
        report("fail", f"on a batch where {story}, drifted_columns {' and '.join(parts)}")
    got_share = result["share_drifted"]
    if isinstance(got_share, bool) or not isinstance(got_share, (int, float)) or abs(got_share - share) > 1e-6:
        report("fail", f"share_drifted is {got_share!r}; {story}, so it is {share:.4g}")
    if result["dataset_drift"] is not want_drift:
        report("fail", f"dataset_drift is {json.dumps(result['dataset_drift'])} where {story}; the dataset drifts when at least half of its columns do")
    if done.returncode != want_exit:
        report("fail", f"monitor.py exited with {done.returncode} where {story}; expected {want_exit} (1 only on dataset drift)")
    if html_size == 0:
        report("fail", "monitor.py wrote no drift_report.html (or an empty one) in the current directory")
    report("pass", f"{story}: exit {want_exit}, drifted_columns right")


if __name__ == "__main__":
    main()
