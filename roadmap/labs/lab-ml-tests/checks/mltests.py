"""Runs the learner's tests, the hidden contract tests, and the learner's tests against
broken copies of src/.

Usage: mltests.py suite [--min-tests N] | markers | contract | mutants
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
# What each broken copy in mutants/ gets wrong, for the message when tests miss it.
MUTANTS = {
    "preprocessing": "features.transform forgets to subtract the mean",
    "model": "model.train learns from flipped labels",
}
SKIP = {".venv", "venv", ".git", "__pycache__", ".pytest_cache", ".mlops-path"}
TIMEOUT = 240


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def pytest(args, cwd):
    """Runs pytest in the learner's interpreter; returns (exit code, output)."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        report("error", f"pytest did not finish within {TIMEOUT} s")
    return done.returncode, (done.stdout + done.stderr)


def tail(output, limit=400):
    text = output.strip()
    return text[-limit:] if len(text) > limit else text


def need_pytest():
    try:
        import pytest as _  # noqa: F401
    except ImportError as e:
        report("error", f"cannot import pytest in {sys.executable}: {e}; install the lab's requirements")
    if not os.path.isdir("tests"):
        report("fail", "no tests/ directory: write your tests under tests/")


def suite(min_tests):
    need_pytest()
    with tempfile.TemporaryDirectory(prefix="lab-ml-tests-") as scratch:
        xml_path = os.path.join(scratch, "j.xml")
        code, output = pytest(["-q", f"--junitxml={xml_path}", "tests/"], ".")
        if not os.path.exists(xml_path):
            report("fail", f"pytest exited with {code} and wrote no report: {tail(output)}")
        root = ET.parse(xml_path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    count = lambda key: sum(int(s.get(key, 0)) for s in suites)  # noqa: E731
    tests, failures, errors = count("tests"), count("failures"), count("errors")
    if failures or errors:
        report("fail", f"{failures} failing and {errors} erroring of {tests} tests: {tail(output)}")
    if code != 0:
        report("fail", f"pytest exited with {code}: {tail(output)}")
    if tests < min_tests:
        report("fail", f"{tests} tests ran, need at least {min_tests}")
    report("pass", f"{tests} tests pass")


def collected(marker):
    code, output = pytest(["--collect-only", "-q", "-m", marker, "tests/"], ".")
    ids = [line for line in output.splitlines() if "::" in line and not line.startswith(" ")]
    return code, ids, output


def markers():
    need_pytest()
    for marker in ("data", "model"):
        code, ids, output = collected(marker)
        if code not in (0, 5):
            report("fail", f"pytest could not collect the tests: {tail(output)}")
        if not ids:
            report("fail", f"no test is marked {marker!r}: add @pytest.mark.{marker} (or pytestmark) to your {marker} tests")
    report("pass", "tests marked data and model found")


def contract():
    sys.path.insert(0, os.getcwd())
    try:
        import numpy as np
        from src import features, model
    except ImportError as e:
        report("fail", f"cannot import src.features and src.model: {e}")
    except Exception as e:  # the learner's module: anything may go wrong on import
        report("fail", f"importing src/ failed: {e!r}")
    X = np.array([[2.0, 7.0, -1.0], [4.0, 7.0, 1.0], [9.0, 7.0, 3.0], [1.0, 7.0, 5.0]])
    try:
        mean, scale = features.fit_scaler(X)
        mean, scale = np.asarray(mean, dtype=float), np.asarray(scale, dtype=float)
    except Exception as e:
        report("fail", f"features.fit_scaler failed on the checker's rows: {e!r}")
    if mean.shape != (3,) or not np.allclose(mean, [4.0, 7.0, 2.0]):
        report("fail", f"features.fit_scaler: the mean of the checker's rows is [4, 7, 2], got {mean.tolist()}")
    want_scale = [np.std([2.0, 4.0, 9.0, 1.0]), 1.0, np.std([-1.0, 1.0, 3.0, 5.0])]
    if scale.shape != (3,) or not np.allclose(scale, want_scale):
        report("fail", f"features.fit_scaler: want population deviations with 0 replaced by 1, {np.round(want_scale, 4).tolist()}, got {scale.tolist()}")
    row = np.array([[10.0, 7.0, 2.0]])
    try:
        scaled = np.asarray(features.transform(row, mean, scale), dtype=float)
    except Exception as e:
        report("fail", f"features.transform failed: {e!r}")
    want = (row - mean) / scale
    if scaled.shape != want.shape or not np.allclose(scaled, want):
        report("fail", f"features.transform: want {np.round(want, 4).tolist()}, got {np.round(scaled, 4).tolist()}")
    try:
        X_all, y_all = model.load_data()
        X_all, y_all = np.asarray(X_all), np.asarray(y_all)
    except Exception as e:
        report("fail", f"model.load_data failed: {e!r}")
    if X_all.shape != (569, 30) or y_all.shape != (569,):
        report("fail", f"model.load_data: want 569 rows of 30 features, got {X_all.shape} and {y_all.shape}")
    with open(os.path.join(HERE, "fixtures", "rows.json")) as f:
        fixture = json.load(f)
    try:
        fitted = model.train(X_all, y_all, seed=0)
        predicted = np.asarray(fitted.predict(np.array(fixture["rows"])))
        proba = np.asarray(fitted.predict_proba(np.array(fixture["rows"])))
    except Exception as e:
        report("fail", f"model.train(X, y, seed=0) and its predict/predict_proba failed: {e!r}")
    accuracy = float(np.mean(predicted == np.array(fixture["labels"])))
    if accuracy < 0.9:
        report("fail", f"the trained model scores {accuracy:.3f} on the checker's rows, need at least 0.9")
    if proba.shape != (len(fixture["labels"]), 2):
        report("fail", f"predict_proba should give one row of 2 probabilities per input row, got shape {proba.shape}")
    report("pass", f"src/ meets the contract; {accuracy:.3f} on the checker's rows")


def copy_lab(target):
    def ignore(_, names):
        return [n for n in names if n in SKIP or n.endswith(".pyc")]
    shutil.copytree(".", target, ignore=ignore, symlinks=True)


def mutants():
    need_pytest()
    code, output = pytest(["-q", "tests/"], ".")
    if code != 0:
        report("fail", f"your tests must pass on your own src/ first (pytest exited with {code})")
    for name, bug in MUTANTS.items():
        with tempfile.TemporaryDirectory(prefix=f"lab-ml-tests-{name}-") as scratch:
            copy = os.path.join(scratch, "lab")
            copy_lab(copy)
            os.makedirs(os.path.join(copy, "src"), exist_ok=True)
            for module in ("features.py", "model.py"):
                shutil.copy(os.path.join(HERE, "mutants", name, module), os.path.join(copy, "src", module))
            code, output = pytest(["-q", "-x", "tests/"], copy)
        if code == 0:
            report("fail", f"your tests still pass when {bug}: add a test that catches it")
        if code != 1:
            report("fail", f"with a broken src/ ({bug}) pytest exited with {code}, not 1: keep your tests to the contract's names ({tail(output, 200)})")
    report("pass", f"your tests catch all {len(MUTANTS)} broken copies of src/")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["suite", "markers", "contract", "mutants"])
    parser.add_argument("--min-tests", type=int, default=6)
    args = parser.parse_args()
    if args.what == "suite":
        suite(args.min_tests)
    elif args.what == "markers":
        markers()
    elif args.what == "contract":
        contract()
    else:
        mutants()


if __name__ == "__main__":
    main()
