"""Starts the learner's app on a free loopback port with uvicorn and reads its /metrics.

Usage: metrics.py exposed | counted
  exposed: /metrics answers in the Prometheus text format and declares the three metrics;
  counted: 10 POST /predict calls (one row each) move the counter and the histogram by 10.
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
Only 127.0.0.1 is ever contacted, and proxies from the environment are ignored.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
READY_WITHIN_S = 60
SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(port, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with OPENER.open(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def parse(text):
    """Returns ({name: type}, [(name, {label: value}, value)]) from the text format."""
    types, samples = {}, []
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            parts = line.split()
            if len(parts) >= 4:
                types[parts[2]] = parts[3]
        elif line and not line.startswith("#"):
            m = SAMPLE.match(line)
            if m:
                try:
                    value = float(m.group(3))
                except ValueError:
                    continue
                samples.append((m.group(1), dict(LABEL.findall(m.group(2) or "")), value))
    return types, samples


def total(samples, name):
    return sum(v for n, _, v in samples if n == name)


def read_metrics(port):
    status, text = http(port, "GET", "/metrics")
    if status != 200:
        report("fail", f"GET /metrics answered {status}: {text[:200]}")
    return parse(text)


def exposed(port):
    types, samples = read_metrics(port)
    counter = types.get("model_predictions_total") or types.get("model_predictions")
    if counter != "counter":
        report("fail", "/metrics declares no counter model_predictions_total"
               + (f" (it is a {counter})" if counter else ""))
    kind = types.get("model_inference_seconds")
    if kind != "histogram":
        report("fail", "/metrics lacks the line `# TYPE model_inference_seconds histogram`"
               + (f": model_inference_seconds is a {kind}, and a histogram is what gives latency percentiles" if kind else ""))
    versions = [labels.get("version") for name, labels, _ in samples if name == "model_info"]
    if not any(versions):
        report("fail", "/metrics has no model_info sample with a non-empty version label")
    report("pass", f"the counter, the histogram and model_info (version {versions[0]}) are exposed")


def counted(port):
    with open(os.path.join(HERE, "fixtures", "rows.json")) as f:
        rows = json.load(f)["rows"]
    _, before = read_metrics(port)
    predicted = []
    for row in rows:
        status, text = http(port, "POST", "/predict", {"instances": [row]})
        if status != 200:
            report("fail", f"POST /predict answered {status}: {text[:200]}")
        try:
            predicted.extend(json.loads(text)["predictions"])
        except (ValueError, KeyError, TypeError):
            report("fail", f"POST /predict did not answer {{\"predictions\": [...]}}: {text[:200]}")
    _, after = read_metrics(port)
    n = len(rows)
    grew = total(after, "model_predictions_total") - total(before, "model_predictions_total")
    if grew != n:
        report("fail", f"after {n} predictions, model_predictions_total grew by {grew:g} (summed over its labels), expected {n}")
    for cls in sorted(set(predicted)):
        def of_class(samples):
            picked = 0.0
            for name, labels, value in samples:
                try:
                    if name == "model_predictions_total" and float(labels.get("predicted_class", "nan")) == cls:
                        picked += value
                except ValueError:
                    pass
            return picked
        want = predicted.count(cls)
        got = of_class(after) - of_class(before)
        if got != want:
            report("fail", f"model_predictions_total{{predicted_class=\"{cls}\"}} grew by {got:g}, but {want} of the {n} answers were {cls}")
    count = total(after, "model_inference_seconds_count") - total(before, "model_inference_seconds_count")
    if count != n:
        report("fail", f"after {n} predictions, model_inference_seconds_count grew by {count:g}, expected {n}: observe one duration per prediction call")
    spent = total(after, "model_inference_seconds_sum") - total(before, "model_inference_seconds_sum")
    if not spent > 0:
        report("fail", "model_inference_seconds_sum did not grow: observe how long each prediction took, in seconds")
    report("pass", f"{n} predictions counted by class and timed")


def main():
    what = sys.argv[1]
    if not os.path.exists("app.py"):
        report("fail", "app.py not found")
    try:
        import uvicorn  # noqa: F401  the learner's interpreter must be able to serve the app
    except ImportError as e:
        report("error", f"cannot import uvicorn in {sys.executable}: {e}; install the lab's requirements")
    port = free_port()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + READY_WITHIN_S
            while True:
                if server.poll() is not None:
                    log.seek(0)
                    said = log.read().decode("utf-8", "replace").strip()[-400:]
                    report("fail", f"uvicorn app:app stopped with exit code {server.returncode}: {said}")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        report("error", f"the app did not listen on 127.0.0.1:{port} within {READY_WITHIN_S} s")
                    time.sleep(0.2)
            (exposed if what == "exposed" else counted)(port)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
