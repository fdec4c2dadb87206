"""Loads the learner's model in their interpreter and scores the checker's rows.

Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def main():
    try:
        import joblib
    except ImportError as e:
        report("error", f"cannot import joblib in {sys.executable}: {e}; install the lab's requirements")
    try:
        with open("metrics.json") as f:
            reported = float(json.load(f)["accuracy"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        report("fail", f"cannot read the accuracy from metrics.json: {e}")
    try:
        model = joblib.load(os.path.join("model", "model.joblib"))
    except Exception as e:  # the learner's file: anything may go wrong
        report("fail", f"cannot load model/model.joblib: {e}")
    with open(os.path.join(HERE, "fixtures", "rows.json")) as f:
        fixture = json.load(f)
    try:
        predicted = [int(p) for p in model.predict(fixture["rows"])]
    except Exception as e:
        report("fail", f"the model cannot predict rows of the 30 features: {e}")
    right = sum(p == y for p, y in zip(predicted, fixture["labels"]))
    measured = right / len(fixture["labels"])
    if abs(measured - reported) > 0.02:
        report("fail", f"the model scores {measured:.3f} on the checker's rows, but metrics.json reports {reported:.3f}")
    report("pass", f"{measured:.3f} on the checker's rows, {reported:.3f} reported")


if __name__ == "__main__":
    main()
