"""Reads the learner's model registry through the MLflow API, in their interpreter, and
runs their promote.py against registries the checker builds.

Usage: registry.py champion | load | promote
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = "lab-classifier"
MIN_GAIN = 0.005
# (val_accuracy per version, champion's version, challenger's version, champion afterwards).
# Some the brief shows; the others are variants it does not.
CASES = [
    ([0.940, 0.9475], 1, 2, 2, "a challenger better by 0.0075"),
    ([0.940, 0.943], 1, 2, 1, "a challenger better by only 0.003"),
    ([0.960, 0.930], 1, 2, 1, "a worse challenger"),
    ([0.960, 0.930, 0.990], 2, 1, 1, "a challenger older than the champion, beside a better unaliased version"),
]


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def mlflow_client(uri):
    try:
        from mlflow import MlflowClient
    except ImportError as e:
        report("error", f"cannot import mlflow in {sys.executable}: {e}; install the lab's requirements")
    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def learner_client():
    if not os.path.exists("mlflow.db"):
        report("fail", "mlflow.db not found: run train.py and register.py from the lab directory")
    # An absolute path: four slashes in all.
    return mlflow_client("sqlite:///" + os.path.abspath("mlflow.db"))


def alias(client, name):
    try:
        return client.get_model_version_by_alias(MODEL, name)
    except Exception:  # MlflowException when the model or the alias is missing
        return None


def accuracy(client, version):
    if not version.run_id:
        return None
    return client.get_run(version.run_id).data.metrics.get("val_accuracy")


def champion():
    client = learner_client()
    current = alias(client, "champion")
    if current is None:
        report("fail", f"{MODEL} has no version with the alias champion")
    if alias(client, "challenger") is None:
        report("fail", f"{MODEL} has no version with the alias challenger")
    versions = client.search_model_versions(f"name = '{MODEL}'")
    if len(versions) < 2:
        report("fail", f"{MODEL} has {len(versions)} version(s), need at least 2")
    scored = [(accuracy(client, v), v.version) for v in versions]
    scored = [(a, v) for a, v in scored if a is not None]
    if not scored:
        report("fail", f"no version of {MODEL} comes from a run with the metric val_accuracy")
    best, best_version = max(scored)
    mine = accuracy(client, current)
    if mine is None:
        report("fail", f"the champion, version {current.version}, has no run with val_accuracy")
    if mine < best - MIN_GAIN:
        report("fail", f"the champion, version {current.version}, has val_accuracy {mine:.4f}, but version {best_version} has {best:.4f}")
    report("pass", f"champion is version {current.version} ({mine:.4f}); best is {best:.4f}")


def load():
    client = learner_client()
    if alias(client, "champion") is None:
        report("fail", f"{MODEL} has no version with the alias champion")
    import mlflow
    import numpy as np

    mlflow.set_tracking_uri("sqlite:///" + os.path.abspath("mlflow.db"))
    try:
        model = mlflow.pyfunc.load_model(f"models:/{MODEL}@champion")
    except Exception as e:
        report("fail", f"models:/{MODEL}@champion does not load: {e}")
    with open(os.path.join(HERE, "fixtures", "rows.json")) as f:
        fixture = json.load(f)
    rows = np.array(fixture["rows"])
    try:
        predicted = model.predict(rows)
    except Exception as e:
        report("fail", f"the champion cannot predict rows of the 30 features: {e}")
    predicted = np.asarray(predicted).reshape(-1)
    right = float(np.mean(predicted.astype(int) == np.array(fixture["labels"])))
    if right < 0.9:
        report("fail", f"the champion scores {right:.3f} on the checker's rows, need at least 0.9")
    report("pass", f"the champion scores {right:.3f} on the checker's rows")


def build(template, path, scores, champion_v, challenger_v):
    shutil.copy(template, path)
    client = mlflow_client("sqlite:///" + path)
    experiment = client.create_experiment("fixture")
    client.create_registered_model(MODEL)
    for score in scores:
        run = client.create_run(experiment)
        client.log_metric(run.info.run_id, "val_accuracy", score)
        client.set_terminated(run.info.run_id)
        client.create_model_version(MODEL, source=run.info.artifact_uri + "/model", run_id=run.info.run_id)
    client.set_registered_model_alias(MODEL, "champion", str(champion_v))
    client.set_registered_model_alias(MODEL, "challenger", str(challenger_v))
    return client


def promote():
    script = os.path.abspath("promote.py")
    if not os.path.exists(script):
        report("fail", "promote.py not found")
    with tempfile.TemporaryDirectory(prefix="lab-registry-") as scratch:
        # Creating the schema is the slow part: do it once, copy the file per case.
        template = os.path.join(scratch, "template.db")
        mlflow_client("sqlite:///" + template).search_experiments()
        for n, (scores, champion_v, challenger_v, expected, what) in enumerate(CASES):
            path = os.path.join(scratch, f"case{n}.db")
            client = build(template, path, scores, champion_v, challenger_v)
            env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
            env["MLFLOW_TRACKING_URI"] = "sqlite:///" + path
            workdir = os.path.join(scratch, f"run{n}")
            os.makedirs(workdir)
            try:
                done = subprocess.run([sys.executable, script], cwd=workdir, env=env,
                                      capture_output=True, text=True, timeout=180)
            except subprocess.TimeoutExpired:
                report("error", "promote.py did not finish within 180 s")
            if done.returncode != 0:
                report("fail", f"with {what}, promote.py exited with {done.returncode}: {(done.stdout + done.stderr).strip()[-300:]}")
            now = alias(client, "champion")
            got = now.version if now else None
            if str(got) != str(expected):
                verb = "move champion to" if expected != champion_v else "leave champion on"
                report("fail", f"with {what} (champion {scores[champion_v - 1]}, challenger {scores[challenger_v - 1]}), promote.py should {verb} version {expected}, but champion is on version {got}")
    report("pass", f"promote.py decided right in all {len(CASES)} registries")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["champion", "load", "promote"])
    args = parser.parse_args()
    {"champion": champion, "load": load, "promote": promote}[args.what]()


if __name__ == "__main__":
    main()
