"""Move the champion alias of lab-classifier to the challenger when the challenger's run has
a val_accuracy higher by at least 0.005; otherwise change nothing.

The registry comes from MLFLOW_TRACKING_URI: MLFLOW_TRACKING_URI=sqlite:///mlflow.db python promote.py
"""
from mlflow import MlflowClient

MODEL = "lab-classifier"
MIN_GAIN = 0.005


def accuracy(client, version):
    return client.get_run(version.run_id).data.metrics["val_accuracy"]


def main():
    client = MlflowClient()  # reads MLFLOW_TRACKING_URI
    champion = client.get_model_version_by_alias(MODEL, "champion")
    challenger = client.get_model_version_by_alias(MODEL, "challenger")
    old, new = accuracy(client, champion), accuracy(client, challenger)
    if new >= old + MIN_GAIN:
        client.set_registered_model_alias(MODEL, "champion", challenger.version)
        print(f"champion is now version {challenger.version}: {new:.4f} beats {old:.4f}")
    else:
        print(f"champion stays version {champion.version}: {new:.4f} does not beat {old:.4f} by {MIN_GAIN}")


if __name__ == "__main__":
    main()
