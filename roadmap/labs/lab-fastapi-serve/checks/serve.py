"""Calls the learner's app in-process through FastAPI's TestClient: no port is opened.

Usage: serve.py health | version | predict | malformed
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import contextlib
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def client():
    try:
        from fastapi.testclient import TestClient
    except ImportError as e:
        report("error", f"cannot import fastapi's TestClient in {sys.executable}: {e}; install the lab's requirements (httpx included)")
    if not os.path.exists("app.py"):
        report("fail", "app.py not found")
    sys.path.insert(0, os.getcwd())
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import app as learner
    except Exception as e:  # the learner's module: anything may go wrong
        report("fail", f"importing app.py failed: {type(e).__name__}: {e}")
    if not hasattr(learner, "app"):
        report("fail", "app.py defines no `app`")
    return TestClient(learner.app)


def main():
    what = sys.argv[1]
    api = client()
    if what == "health":
        answer = api.get("/health")
        if answer.status_code != 200 or answer.json() != {"status": "ok"}:
            report("fail", f"GET /health answered {answer.status_code} {answer.text[:200]}")
        report("pass", "GET /health is ok")
    if what == "version":
        answer = api.get("/version")
        if answer.status_code != 200:
            report("fail", f"GET /version answered {answer.status_code}")
        body = answer.json()
        if not isinstance(body, dict) or "model_version" not in body:
            report("fail", f"GET /version has no model_version: {answer.text[:200]}")
        report("pass", f"model_version {body['model_version']}")
    if what == "malformed":
        for body in ({"rows": [[1.0] * 30]}, {"instances": "not a list"}, {"instances": [["x"] * 30]}):
            answer = api.post("/predict", json=body)
            if answer.status_code != 422:
                report("fail", f"POST /predict with {json.dumps(body)[:60]} answered {answer.status_code}, expected 422")
        report("pass", "malformed bodies answered 422")
    import joblib
    model = joblib.load(os.path.join("model", "model.joblib"))
    with open(os.path.join(HERE, "fixtures", "rows.json")) as f:
        rows = json.load(f)["rows"]
    expected = [int(p) for p in model.predict(rows)]
    answer = api.post("/predict", json={"instances": rows})
    if answer.status_code != 200:
        report("fail", f"POST /predict answered {answer.status_code}: {answer.text[:200]}")
    predictions = answer.json().get("predictions") if isinstance(answer.json(), dict) else None
    if predictions != expected:
        wrong = "no predictions list" if not isinstance(predictions, list) else f"{sum(a != b for a, b in zip(predictions, expected))} of {len(expected)} differ"
        report("fail", f"POST /predict does not answer what the model predicts: {wrong}")
    report("pass", f"{len(expected)} predictions match the model")


if __name__ == "__main__":
    main()
