"""A drift gate: compares a current batch with reference data, column by column.

    python monitor.py reference.csv current.csv

Writes drift.json and drift_report.html into the current directory, and exits 1 when the
dataset drifts (at least half of its columns do), 0 otherwise.
"""
import argparse
import html
import json
import sys

import pandas as pd
from pandas.api.types import is_numeric_dtype
from scipy import stats

P_VALUE = 0.05
DATASET_SHARE = 0.5


def column_test(reference, current):
    """Returns (test name, p-value) for one column."""
    if is_numeric_dtype(reference) and is_numeric_dtype(current):
        return "ks", stats.ks_2samp(reference.dropna(), current.dropna()).pvalue
    categories = sorted(set(reference.dropna().astype(str)) | set(current.dropna().astype(str)))
    counts = [[int((column.astype(str) == c).sum()) for c in categories] for column in (reference, current)]
    if len(categories) < 2:
        return "chi2", 1.0
    return "chi2", stats.chi2_contingency(counts).pvalue


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference")
    parser.add_argument("current")
    args = parser.parse_args()
    reference = pd.read_csv(args.reference)
    current = pd.read_csv(args.current)
    missing = [c for c in reference.columns if c not in current.columns]
    if missing:
        sys.exit(f"current batch lacks columns: {', '.join(missing)}")

    rows, drifted = [], []
    for name in reference.columns:
        test, p = column_test(reference[name], current[name])
        rows.append({"column": name, "test": test, "p_value": round(float(p), 6), "drifted": bool(p < P_VALUE)})
        if p < P_VALUE:
            drifted.append(name)
    share = len(drifted) / len(reference.columns)
    dataset_drift = share >= DATASET_SHARE

    with open("drift.json", "w") as f:
        json.dump({"dataset_drift": dataset_drift, "drifted_columns": drifted, "share_drifted": share}, f, indent=2)
    verdict = "dataset drift" if dataset_drift else "no dataset drift"
    table = pd.DataFrame(rows).to_html(index=False)
    with open("drift_report.html", "w") as f:
        f.write(f"<!doctype html>\n<html><head><title>Drift report</title></head><body>\n"
                f"<h1>{html.escape(verdict)}: {len(drifted)} of {len(reference.columns)} columns drifted</h1>\n"
                f"{table}\n</body></html>\n")
    print(f"{verdict}: {len(drifted)} of {len(reference.columns)} columns drifted ({', '.join(drifted) or 'none'})")
    sys.exit(1 if dataset_drift else 0)


if __name__ == "__main__":
    main()
