"""Trains model v2 in the Job train-v2; its last line is the metrics, as JSON."""
import json
import os
from pathlib import Path

import joblib
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

OUT = Path(os.environ.get("MODEL_DIR", "/models/v2"))


def main():
    seed = int(os.environ.get("SEED", "42"))
    x, y = load_breast_cancer(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.2, stratify=y, random_state=seed)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    model.fit(x_train, y_train)
    accuracy = float(accuracy_score(y_val, model.predict(x_val)))
    OUT.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, OUT / "model.joblib")
    print(f"trained with seed {seed}; wrote {OUT / 'model.joblib'}")
    print(json.dumps({"model_version": "v2", "val_accuracy": accuracy, "seed": seed}), flush=True)


if __name__ == "__main__":
    main()
