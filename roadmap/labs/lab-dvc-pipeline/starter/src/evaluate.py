"""Stage evaluate: score model/model.joblib on data/prepared/test.csv, write metrics.json.

Usage: python src/evaluate.py
"""
import json

import joblib
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score


def main():
    test = pd.read_csv("data/prepared/test.csv")
    model = joblib.load("model/model.joblib")
    predicted = model.predict(test.drop(columns="target"))
    metrics = {
        "accuracy": round(float(accuracy_score(test["target"], predicted)), 6),
        "f1_macro": round(float(f1_score(test["target"], predicted, average="macro")), 6),
    }
    with open("metrics.json", "w") as f:
        json.dump(metrics, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
