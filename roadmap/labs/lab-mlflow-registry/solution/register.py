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
    runs = client.search_runs(
        [experiment.experiment_id],
        "attributes.status = 'FINISHED'",
        order_by=["metrics.val_accuracy DESC"],
    )
    for run, alias in zip(runs[:2], ["champion", "challenger"]):
        version = mlflow.register_model(f"runs:/{run.info.run_id}/model", MODEL)
        client.set_registered_model_alias(MODEL, alias, version.version)
        print(f"{MODEL} version {version.version} ({run.data.metrics['val_accuracy']:.4f}) is {alias}")


if __name__ == "__main__":
    main()
