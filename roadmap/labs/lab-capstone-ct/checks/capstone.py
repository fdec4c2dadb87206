"""The capstone's checks that need the registry and the history: prints one JSON result.

history   ct-history.json shows a drifted batch that promoted and a steady one that did not
champion  the alias champion of lab-classifier is the last promoted version, accurate enough
serving   GET URL answers a model_version equal to the champion's version
"""
import argparse
import json
import sys
import urllib.request
from pathlib import Path

HISTORY = Path("ct-history.json")
MODEL = "lab-classifier"


def result(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def history():
    if not HISTORY.is_file():
        result("fail", "ct-history.json not found: make ct appends one entry per batch")
    try:
        entries = json.loads(HISTORY.read_text())
    except ValueError as e:
        result("fail", f"ct-history.json is not JSON: {e}")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        result("fail", "ct-history.json must be a JSON array of objects")
    for n, entry in enumerate(entries):
        missing = {"batch", "drift", "promoted", "champion"} - entry.keys()
        if missing:
            result("fail", f"entry {n} of ct-history.json lacks {sorted(missing)}")
    promoted = [e for e in entries if e["drift"] is True and e["promoted"] is True]
    if not promoted:
        result("fail", "no drifted batch promoted a new champion yet: make ct BATCH=batches/drifted.csv")
    steady = [(n, e) for n, e in enumerate(entries) if e["drift"] is False]
    if not steady:
        result("fail", "no steady batch was run yet: make ct BATCH=batches/steady.csv")
    for n, entry in steady:
        before = entries[n - 1]["champion"] if n > 0 else None
        if entry["promoted"] is not False or (before is not None and entry["champion"] != before):
            result("fail", f"the steady batch {entry['batch']} (entry {n}) moved the champion; without drift nothing should move")
    result("pass", f"{len(promoted)} promotion(s) after drift, {len(steady)} steady batch(es) left the champion alone")


def champion_version(client):
    try:
        version = client.get_model_version_by_alias(MODEL, "champion")
    except Exception as e:  # noqa: BLE001 - any registry error means no champion
        result("fail", f"no version of {MODEL} has the alias champion: {e}")
    return version


def champion(minimum):
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=f"sqlite:///{Path('mlflow.db').resolve()}")
    version = champion_version(client)
    run = client.get_run(version.run_id)
    accuracy = run.data.metrics.get("val_accuracy")
    if accuracy is None or accuracy < minimum:
        result("fail", f"the champion (version {version.version}) has val_accuracy {accuracy}, need at least {minimum}")
    if HISTORY.is_file():
        entries = json.loads(HISTORY.read_text())
        last = entries[-1]["champion"] if entries else None
        if str(last) != str(version.version):
            result("fail", f"ct-history.json ends with champion {last}, but the alias points at version {version.version}")
    result("pass", f"champion is version {version.version}, val_accuracy {accuracy:.3f}")


def serving(url):
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=f"sqlite:///{Path('mlflow.db').resolve()}")
    version = champion_version(client)
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            served = json.load(answer).get("model_version")
    except (OSError, ValueError) as e:
        result("fail", f"cannot read {url}: {e}; run the image mlops-lab/model-api:ct on 127.0.0.1:8080")
    if str(served) != str(version.version):
        result("fail", f"{url} reports model_version {served!r}, but the champion is version {version.version}")
    result("pass", f"the service serves version {served}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["history", "champion", "serving"])
    parser.add_argument("--min", type=float, default=0.93)
    parser.add_argument("--url", default="http://127.0.0.1:8080/version")
    args = parser.parse_args()
    try:
        if args.what == "history":
            history()
        elif args.what == "champion":
            champion(args.min)
        else:
            serving(args.url)
    except ImportError as e:
        result("error", f"{e}: install the lab's requirements into its .venv")


if __name__ == "__main__":
    main()
