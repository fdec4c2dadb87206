"""Log three training runs, each with val_accuracy and a model: python train.py

This is the tracking lab's result, ready-made: run it once, then register its models.
"""
import mlflow
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

TRACKING_URI = "sqlite:///mlflow.db"
EXPERIMENT = "lab-registry"


def main():
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    mlflow.set_tracking_uri(TRACKING_URI)
    mlflow.set_experiment(EXPERIMENT)
    for c in [0.001, 0.05, 1.0]:
        with mlflow.start_run(run_name=f"logreg-C{c}"):
            model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))
            model.fit(X_train, y_train)
            accuracy = model.score(X_val, y_val)
            mlflow.log_params({"C": c})
            mlflow.log_metric("val_accuracy", accuracy)
            mlflow.sklearn.log_model(model, name="model")
            print(f"C={c}: val_accuracy={accuracy:.4f}")


if __name__ == "__main__":
    main()
