"""One round of level-1 continuous training on a new batch.

drift check -> dvc repro -> MLflow run -> gate -> register -> promote -> image -> serve,
and one entry appended to ct-history.json. Every program is called with an argument
list, never through a shell.
"""
import argparse
import json
import subprocess
from pathlib import Path

import joblib
import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.tracking import MlflowClient
from scipy.stats import ks_2samp

MODEL = "lab-classifier"
FLOOR = 0.93
HISTORY = Path("ct-history.json")
TRACKING = f"sqlite:///{Path('mlflow.db').resolve()}"
IMAGE = "mlops-lab/model-api:ct"
CONTAINER = "mlops-lab-capstone"


def drifted(reference, batch):
    """The dataset drifts when at least half of the feature columns do (KS, p < 0.01)."""
    columns = [c for c in reference.columns if c != "target"]
    moved = [c for c in columns if ks_2samp(reference[c], batch[c]).pvalue < 0.01]
    return len(moved) >= len(columns) / 2, moved


def champion(client):
    try:
        return client.get_model_version_by_alias(MODEL, "champion")
    except mlflow.exceptions.MlflowException:
        return None


def record(entry):
    entries = json.loads(HISTORY.read_text()) if HISTORY.is_file() else []
    entries.append(entry)
    HISTORY.write_text(json.dumps(entries, indent=2) + "\n")
    print(json.dumps(entry))


def run(*argv):
    subprocess.run(list(argv), check=True)


def serve(version):
    run("docker", "build", "--tag", IMAGE, "--build-arg", f"MODEL_VERSION={version}", ".")
    subprocess.run(["docker", "rm", "--force", CONTAINER], check=False, capture_output=True)
    run("docker", "run", "--detach", "--name", CONTAINER, "--label", "mlops-path.lab=lab-capstone-ct",
        "--memory", "1g", "--cpus", "1", "--publish", "127.0.0.1:8080:8080", IMAGE)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", required=True)
    args = parser.parse_args()
    client = MlflowClient(tracking_uri=TRACKING)
    reference = pd.read_csv("data/reference.csv")
    batch = pd.read_csv(args.batch)
    current = champion(client)
    drift, moved = drifted(reference, batch)
    entry = {"batch": args.batch, "drift": drift, "drifted_columns": moved, "promoted": False,
             "champion": str(current.version) if current else None}
    if not drift and current is not None:
        record(entry)
        return
    # Retrain on what the model will now see: the reference and the new batch.
    pd.concat([reference, batch]).to_csv("data/current.csv", index=False)
    run("dvc", "repro")
    accuracy = json.loads(Path("metrics.json").read_text())["val_accuracy"]
    mlflow.set_tracking_uri(TRACKING)
    mlflow.set_experiment("lab-ct")
    with mlflow.start_run():
        mlflow.log_param("batch", args.batch)
        mlflow.log_metric("val_accuracy", accuracy)
        # Our own pipeline's file, trained a moment ago by dvc repro.
        logged = mlflow.sklearn.log_model(joblib.load("model/model.joblib"), name="model")
    entry["val_accuracy"] = accuracy
    if accuracy < FLOOR:
        print(f"gate closed: val_accuracy {accuracy:.3f} < {FLOOR}")
        record(entry)
        return
    version = mlflow.register_model(logged.model_uri, MODEL)
    client.set_registered_model_alias(MODEL, "challenger", version.version)
    client.set_registered_model_alias(MODEL, "champion", version.version)
    serve(version.version)
    entry.update(promoted=True, champion=str(version.version))
    record(entry)


if __name__ == "__main__":
    main()
