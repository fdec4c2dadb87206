"""Stage train: fit a classifier on data/prepared/train.csv, write model/model.joblib.

Reads params.yaml's train section. Usage: python src/train.py
"""
import os

import joblib
import pandas as pd
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main():
    with open("params.yaml") as f:
        params = yaml.safe_load(f)["train"]
    train = pd.read_csv("data/prepared/train.csv")
    model = make_pipeline(StandardScaler(), LogisticRegression(C=params["C"], max_iter=params["max_iter"]))
    model.fit(train.drop(columns="target"), train["target"])
    os.makedirs("model", exist_ok=True)
    joblib.dump(model, "model/model.joblib")


if __name__ == "__main__":
    main()
