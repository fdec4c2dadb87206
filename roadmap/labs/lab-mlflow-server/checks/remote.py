"""Asks an MLflow server, over its REST API, for a run of lab-remote above a threshold.

Standard library only, so it runs in any python3. Prints one JSON result and exits 0.
"""
import argparse
import json
import time
import urllib.error
import urllib.parse
import urllib.request


def call(url, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def runs_above(url, threshold):
    query = urllib.parse.urlencode({"experiment_name": "lab-remote"})
    try:
        experiment = call(url, "/api/2.0/mlflow/experiments/get-by-name?" + query)["experiment"]
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return "fail", "the server has no experiment lab-remote: log to it with MLFLOW_TRACKING_URI=" + url
        raise
    found = call(url, "/api/2.0/mlflow/runs/search", {
        "experiment_ids": [experiment["experiment_id"]],
        "filter": f"metrics.val_accuracy > {threshold}",
        "max_results": 10,
    })
    runs = found.get("runs", [])
    if not runs:
        return "fail", f"no run of lab-remote has val_accuracy above {threshold}"
    return "pass", f"{len(runs)} run(s) of lab-remote above {threshold}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--min", type=float, required=True)
    parser.add_argument("--wait", type=float, default=0, help="seconds to wait for the server")
    args = parser.parse_args()
    deadline = time.monotonic() + args.wait
    while True:
        try:
            status, message = runs_above(args.url.rstrip("/"), args.min)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
            if time.monotonic() >= deadline:
                status, message = "error", f"cannot reach the server at {args.url}: {e}"
                break
            time.sleep(1)
        except (KeyError, ValueError) as e:
            status, message = "error", f"the server answered something unexpected: {e!r}"
            break
    print(json.dumps({"status": status, "message": message}))


if __name__ == "__main__":
    main()
