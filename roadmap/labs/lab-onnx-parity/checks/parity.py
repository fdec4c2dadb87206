"""Checks the learner's model.onnx: valid, the right input shape, small, and predicting
what model/model.joblib predicts on the checker's rows.

Usage: parity.py valid | shape | size --max-mb N | labels | probabilities --tolerance X
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
N_FEATURES = 30


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def need(module):
    try:
        return __import__(module)
    except ImportError as e:
        report("error", f"cannot import {module} in {sys.executable}: {e}; install the lab's requirements")


def load_onnx():
    onnx = need("onnx")
    if not os.path.exists("model.onnx"):
        report("fail", "model.onnx not found: run python export.py")
    try:
        return onnx, onnx.load("model.onnx")
    except Exception as e:
        report("fail", f"model.onnx is not an ONNX model: {e}")


def valid():
    onnx, model = load_onnx()
    try:
        onnx.checker.check_model(model)
    except Exception as e:
        report("fail", f"onnx.checker rejects model.onnx: {str(e)[:300]}")
    report("pass", f"valid ONNX, opset {max(o.version for o in model.opset_import)}")


def shape():
    _, model = load_onnx()
    inputs = list(model.graph.input)
    if len(inputs) != 1:
        report("fail", f"model.onnx has {len(inputs)} inputs, want one tensor of rows")
    dims = inputs[0].type.tensor_type.shape.dim
    seen = [d.dim_param or (d.dim_value if d.HasField("dim_value") else None) for d in dims]
    if len(dims) != 2:
        report("fail", f"the input has shape {seen}, want [None, {N_FEATURES}]")
    rows, columns = dims
    if rows.HasField("dim_value"):
        report("fail", f"the input has shape {seen}: a fixed batch of {rows.dim_value}; want None rows, so any batch size works")
    if not columns.HasField("dim_value") or columns.dim_value != N_FEATURES:
        report("fail", f"the input has shape {seen}, want {N_FEATURES} features per row")
    report("pass", f"input {inputs[0].name!r} of shape [None, {N_FEATURES}]")


def size(max_mb):
    if not os.path.exists("model.onnx"):
        report("fail", "model.onnx not found: run python export.py")
    mb = os.path.getsize("model.onnx") / 1e6
    if mb >= max_mb:
        report("fail", f"model.onnx is {mb:.1f} MB, want under {max_mb} MB")
    report("pass", f"{mb * 1000:.0f} kB")


def predictions():
    """Labels and positive-class probabilities from both models on the checker's rows."""
    np = need("numpy")
    joblib = need("joblib")
    ort = need("onnxruntime")
    if not os.path.exists("model.onnx"):
        report("fail", "model.onnx not found: run python export.py")
    with open(os.path.join(HERE, "fixtures", "rows.json")) as f:
        rows = np.array(json.load(f)["rows"], dtype=np.float32)
    try:
        original = joblib.load(os.path.join("model", "model.joblib"))
    except Exception as e:  # the learner's file: anything may go wrong
        report("fail", f"cannot load model/model.joblib, the model model.onnx is exported from: {e}")
    try:
        session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
        name = session.get_inputs()[0].name
        outputs = session.run(None, {name: rows})
    except Exception as e:
        report("fail", f"onnxruntime cannot run model.onnx on a batch of {len(rows)} rows: {str(e)[:300]}")
    labels = np.asarray(outputs[0]).reshape(-1)
    if len(outputs) < 2:
        report("fail", "model.onnx has no probability output: convert a classifier with predict_proba")
    proba = outputs[1]
    # With skl2onnx's zipmap (the default) probabilities are a list of {class: p} maps.
    if isinstance(proba, list) and proba and isinstance(proba[0], dict):
        classes = sorted(proba[0])
        proba = np.array([[row[c] for c in classes] for row in proba])
    proba = np.asarray(proba, dtype=np.float64)
    as_float64 = rows.astype(np.float64)
    return np, labels, proba, original.predict(as_float64), original.predict_proba(as_float64)


def labels():
    np, labels, _, expected, _ = predictions()
    differ = int(np.sum(labels.astype(int) != np.asarray(expected).astype(int)))
    if differ:
        report("fail", f"onnxruntime and scikit-learn disagree on {differ} of {len(expected)} of the checker's rows: export the model in model/model.joblib")
    report("pass", f"identical labels on {len(expected)} rows")


def probabilities(tolerance):
    np, _, proba, _, expected = predictions()
    if proba.shape != expected.shape:
        report("fail", f"model.onnx gives probabilities of shape {proba.shape}, scikit-learn {expected.shape}")
    worst = float(np.max(np.abs(proba - expected)))
    if worst > tolerance:
        report("fail", f"probabilities differ by up to {worst:.2e}, want at most {tolerance:.0e}")
    report("pass", f"probabilities within {worst:.1e}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["valid", "shape", "size", "labels", "probabilities"])
    parser.add_argument("--max-mb", type=float, default=5.0)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    if args.what == "valid":
        valid()
    elif args.what == "shape":
        shape()
    elif args.what == "size":
        size(args.max_mb)
    elif args.what == "labels":
        labels()
    else:
        probabilities(args.tolerance)


if __name__ == "__main__":
    main()
