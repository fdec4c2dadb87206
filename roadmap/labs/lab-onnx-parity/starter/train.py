"""Train a reproducible baseline on scikit-learn's breast-cancer data.

Usage: python train.py [--seed N] [--out DIR]
"""
import argparse
import json
import os

import joblib
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", default=".")
    args = parser.parse_args()

    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=args.seed
    )
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    model.fit(X_train, y_train)
    predicted = model.predict(X_test)

    metrics = {
        "accuracy": round(float(accuracy_score(y_test, predicted)), 6),
        "f1": round(float(f1_score(y_test, predicted)), 6),
        "seed": args.seed,
        "n_train": len(y_train),
        "n_test": len(y_test),
    }
    os.makedirs(os.path.join(args.out, "model"), exist_ok=True)
    joblib.dump(model, os.path.join(args.out, "model", "model.joblib"))
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
