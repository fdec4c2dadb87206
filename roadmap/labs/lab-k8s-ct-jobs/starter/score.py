"""Scores a batch with model v2 in the CronJob batch-score."""
import json
import os
from pathlib import Path

import joblib
from sklearn.datasets import load_breast_cancer

MODEL = Path(os.environ.get("MODEL_DIR", "/models/v2")) / "model.joblib"


def main():
    model = joblib.load(MODEL)
    rows, _ = load_breast_cancer(return_X_y=True)
    batch = rows[:50]
    predictions = model.predict(batch)
    print(json.dumps({"scored": len(batch), "positive": int(predictions.sum())}), flush=True)


if __name__ == "__main__":
    main()
