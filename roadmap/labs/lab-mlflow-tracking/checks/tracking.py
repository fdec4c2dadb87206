"""Reads the learner's tracking store through the MLflow API, in their interpreter.

Usage: tracking.py experiment | runs --min-runs N | best --min X | model
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import sys

EXPERIMENT = "lab-tracking"


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def finished_runs(client, experiment):
    return client.search_runs(
        [experiment.experiment_id],
        "attributes.status = 'FINISHED'",
        order_by=["metrics.val_accuracy DESC"],
        max_results=1000,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["experiment", "runs", "best", "model"])
    parser.add_argument("--min-runs", type=int, default=3)
    parser.add_argument("--min", type=float, default=0.95)
    args = parser.parse_args()
    if not os.path.exists("mlflow.db"):
        report("fail", "mlflow.db not found: track to sqlite:///mlflow.db from the lab directory")
    try:
        from mlflow import MlflowClient
    except ImportError as e:
        report("error", f"cannot import mlflow in {sys.executable}: {e}; install the lab's requirements")
    # An absolute path: four slashes in all.
    client = MlflowClient(tracking_uri="sqlite:///" + os.path.abspath("mlflow.db"))
    experiment = client.get_experiment_by_name(EXPERIMENT)
    if experiment is None:
        report("fail", f"no experiment named {EXPERIMENT!r} in mlflow.db")
    if args.what == "experiment":
        report("pass", f"experiment {EXPERIMENT} has id {experiment.experiment_id}")
    runs = finished_runs(client, experiment)
    if args.what == "runs":
        distinct = {tuple(sorted(run.data.params.items())) for run in runs}
        if len(runs) < args.min_runs:
            report("fail", f"{len(runs)} finished run(s) in {EXPERIMENT}, need at least {args.min_runs}")
        if len(distinct) < args.min_runs:
            report("fail", f"only {len(distinct)} distinct parameter set(s) among {len(runs)} runs, need {args.min_runs}")
        report("pass", f"{len(runs)} finished runs, {len(distinct)} distinct parameter sets")
    scored = [run for run in runs if "val_accuracy" in run.data.metrics]
    if not scored:
        report("fail", "no finished run has the metric val_accuracy")
    best = scored[0]
    accuracy = best.data.metrics["val_accuracy"]
    if args.what == "best":
        if accuracy < args.min:
            report("fail", f"the best val_accuracy is {accuracy:.3f} (run {best.info.run_id[:8]}), need at least {args.min}")
        report("pass", f"best val_accuracy {accuracy:.3f}")
    models = client.search_logged_models(
        experiment_ids=[experiment.experiment_id],
        filter_string=f"source_run_id = '{best.info.run_id}'",
    )
    if not models:
        report("fail", f"the best run {best.info.run_id[:8]} has no logged model")
    report("pass", f"the best run logged {len(models)} model(s)")


if __name__ == "__main__":
    main()
