"""Logs one run of a seeded baseline to the server named by MLFLOW_TRACKING_URI."""
import os

import mlflow
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main():
    if not os.environ.get("MLFLOW_TRACKING_URI"):
        raise SystemExit("set MLFLOW_TRACKING_URI=http://127.0.0.1:5000")
    x, y = load_breast_cancer(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.2, stratify=y, random_state=42)
    mlflow.set_experiment("lab-remote")
    with mlflow.start_run():
        c = 1.0
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))
        model.fit(x_train, y_train)
        accuracy = accuracy_score(y_val, model.predict(x_val))
        mlflow.log_param("C", c)
        mlflow.log_metric("val_accuracy", accuracy)
        print(f"val_accuracy={accuracy:.3f}")


if __name__ == "__main__":
    main()
