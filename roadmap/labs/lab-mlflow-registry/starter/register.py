"""Register the two best runs of lab-registry as versions of lab-classifier, the best with
the alias champion and the runner-up with the alias challenger: python register.py
"""
import mlflow
from mlflow import MlflowClient

TRACKING_URI = "sqlite:///mlflow.db"
EXPERIMENT = "lab-registry"
MODEL = "lab-classifier"


def main():
    mlflow.set_tracking_uri(TRACKING_URI)
    client = MlflowClient()
    experiment = client.get_experiment_by_name(EXPERIMENT)
    # TODO: find the finished runs, best val_accuracy first.
    # TODO: register the best run's model as a version of MODEL and give it the alias champion.
    # TODO: register the runner-up as another version with the alias challenger.
    raise SystemExit("register.py: the TODOs are not done yet")


if __name__ == "__main__":
    main()
