"""Writes the capstone's data: data/reference.csv, batches/steady.csv, batches/drifted.csv.

The reference is most of the bundled breast-cancer data; the steady batch is the rest as
it is; the drifted batch is the same rows with 20 of the 30 features scaled by 1.5, the
way a changed sensor or unit would move them. Seeded: every run writes the same files.
"""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer


def main():
    data = load_breast_cancer(as_frame=True).frame
    rng = np.random.default_rng(7)
    order = rng.permutation(len(data))
    reference = data.iloc[order[:400]]
    held_out = data.iloc[order[400:]]
    drifted = held_out.copy()
    features = [c for c in data.columns if c != "target"]
    drifted[features[:20]] = drifted[features[:20]] * 1.5
    Path("data").mkdir(exist_ok=True)
    Path("batches").mkdir(exist_ok=True)
    reference.to_csv("data/reference.csv", index=False)
    held_out.to_csv("batches/steady.csv", index=False)
    drifted.to_csv("batches/drifted.csv", index=False)
    print("wrote data/reference.csv, batches/steady.csv, batches/drifted.csv")


if __name__ == "__main__":
    main()
