"""Runs the learner's ci/gate.py on the checker's candidate/baseline pairs.

Usage: gate.py CASE   (one of the names in CASES)
A pair that should pass must exit 0; one that should be blocked must exit non-zero: a gate
that cannot read or judge its input blocks (it fails closed).
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# case: [(pair, passes, why)]; the pair "missing_file" names a candidate that does not exist.
CASES = {
    "better": [("better", True, "a candidate above the floors and better than the baseline")],
    "worse": [("worse", False, "a candidate worse than the baseline")],
    "missing-metric": [("missing_metric", False, "a candidate without f1")],
    "nan": [("nan", False, "a candidate whose accuracy is NaN")],
    "passes-at-the-edge": [("better_extra_keys", True, "a better candidate with extra keys and f1 equal to the baseline's")],
    "min-gain": [("small_gain", False, "a candidate only 0.002 better than the baseline")],
    "floors": [("below_floor", False, "a candidate better than a weak baseline but under the 0.90 floors"),
               ("f1_drop", False, "a candidate whose f1 fell below the baseline's")],
    "unreadable": [("missing_file", False, "a candidate file that does not exist"),
                   ("baseline_not_json", False, "a baseline that is not valid JSON"),
                   ("baseline_missing_metric", False, "a baseline without accuracy"),
                   ("not_an_object", False, "a candidate that is a JSON list, not an object")],
    "not-a-metric": [("string_value", False, "a candidate whose accuracy is the string \"0.99\""),
                     ("percent", False, "a candidate in percent (96.2), outside 0 to 1"),
                     ("infinite", False, "a candidate whose accuracy is Infinity")],
}


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def main():
    case = sys.argv[1]
    gate = os.path.join("ci", "gate.py")
    if not os.path.exists(gate):
        report("fail", "ci/gate.py not found")
    for pair, passes, why in CASES[case]:
        folder = os.path.join(HERE, "fixtures", "better" if pair == "missing_file" else pair)
        candidate = os.path.join(folder, "absent.json" if pair == "missing_file" else "candidate.json")
        baseline = os.path.join(folder, "baseline.json")
        try:
            done = subprocess.run([sys.executable, gate, candidate, baseline],
                                  capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            report("error", "ci/gate.py took more than 30 s")
        said = (done.stderr.strip() or done.stdout.strip())[-300:]
        if passes and done.returncode != 0:
            report("fail", f"ci/gate.py exited with {done.returncode} on {why}; expected 0" + (f": {said}" if said else ""))
        if not passes and done.returncode == 0:
            report("fail", f"ci/gate.py exited 0 on {why}: the gate let it through; it must exit 1")
    report("pass", f"{len(CASES[case])} pair(s) judged right")


if __name__ == "__main__":
    main()
