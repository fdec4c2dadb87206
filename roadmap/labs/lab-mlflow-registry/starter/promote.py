"""Move the champion alias of lab-classifier to the challenger when the challenger's run has
a val_accuracy higher by at least 0.005; otherwise change nothing.

The registry comes from MLFLOW_TRACKING_URI: MLFLOW_TRACKING_URI=sqlite:///mlflow.db python promote.py
"""
from mlflow import MlflowClient

MODEL = "lab-classifier"
MIN_GAIN = 0.005


def main():
    client = MlflowClient()  # reads MLFLOW_TRACKING_URI
    # TODO: look up the versions behind the aliases champion and challenger.
    # TODO: read the val_accuracy of each version's run.
    # TODO: move champion to the challenger's version only if it wins by at least MIN_GAIN.
    print("promote.py: nothing done yet")


if __name__ == "__main__":
    main()
