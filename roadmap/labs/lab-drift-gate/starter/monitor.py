"""A drift gate: compares a current batch with reference data, column by column.

    python monitor.py reference.csv current.csv

Must write drift.json and drift_report.html into the current directory, and exit 1 when
the dataset drifts (at least half of its columns do), 0 otherwise.
"""
import argparse

import pandas as pd


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference")
    parser.add_argument("current")
    args = parser.parse_args()
    reference = pd.read_csv(args.reference)
    current = pd.read_csv(args.current)
    print(f"reference: {len(reference)} rows, current: {len(current)} rows")

    # TODO: test each column for drift: numeric columns with scipy.stats.ks_2samp,
    #       the others with scipy.stats.chi2_contingency on their category counts;
    #       a column drifts when p < 0.05.
    # TODO: the dataset drifts when at least half of the columns drift.
    # TODO: write drift.json {"dataset_drift", "drifted_columns", "share_drifted"}
    #       and an HTML report, drift_report.html.
    # TODO: exit 1 on dataset drift, 0 otherwise.


if __name__ == "__main__":
    main()
