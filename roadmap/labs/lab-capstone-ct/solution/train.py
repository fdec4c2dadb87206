"""The DVC stage train: fits on data/current.csv, writes the model and metrics.json."""
import json
from pathlib import Path

import joblib
import pandas as pd
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main():
    params = yaml.safe_load(Path("params.yaml").read_text())["train"]
    data = pd.read_csv("data/current.csv")
    x, y = data.drop(columns="target"), data["target"]
    x_train, x_val, y_train, y_val = train_test_split(
        x, y, test_size=0.2, stratify=y, random_state=params["seed"])
    model = make_pipeline(StandardScaler(), LogisticRegression(C=params["C"], max_iter=2000))
    model.fit(x_train, y_train)
    accuracy = float(accuracy_score(y_val, model.predict(x_val)))
    Path("model").mkdir(exist_ok=True)
    joblib.dump(model, "model/model.joblib")
    Path("metrics.json").write_text(json.dumps({"val_accuracy": accuracy}) + "\n")


if __name__ == "__main__":
    main()
