"""Log several training runs to MLflow: python track.py"""
import mlflow
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

TRACKING_URI = "sqlite:///mlflow.db"
EXPERIMENT = "lab-tracking"


def main():
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    # TODO: point MLflow at TRACKING_URI and the experiment EXPERIMENT.
    for c in [0.01, 0.1, 1.0]:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))
        model.fit(X_train, y_train)
        accuracy = model.score(X_val, y_val)
        # TODO: log this as a run: its parameters, the metric val_accuracy and the model.
        print(f"C={c}: val_accuracy={accuracy:.3f} (not logged yet)")


if __name__ == "__main__":
    main()
