"""The model quality gate a CI job runs before a candidate model may replace the baseline.

    python ci/gate.py candidate.json baseline.json

Exits 0 only when the candidate passes, and 1 in every other case, including the ones where
it cannot tell: a missing file, a missing metric, a value that is not a number. Anything
unexpected blocks: the gate fails closed.
"""
import json
import math
import sys

FLOOR = 0.90  # accuracy and f1 of the candidate must both reach it
MIN_ACCURACY_GAIN = 0.005  # over the baseline's accuracy
METRICS = ("accuracy", "f1")


class Blocked(Exception):
    pass


def metrics(path):
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise Blocked(f"cannot read {path}: {e}")
    if not isinstance(data, dict):
        raise Blocked(f"{path} does not hold a JSON object")
    found = {}
    for name in METRICS:
        value = data.get(name)
        # bool is an int in Python; NaN and infinities compare in surprising ways.
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise Blocked(f"{path}: {name} is {value!r}, not a number")
        if not 0 <= value <= 1:
            raise Blocked(f"{path}: {name} is {value}, outside 0 to 1")
        found[name] = float(value)
    return found


def judge(candidate, baseline):
    for name in METRICS:
        if candidate[name] < FLOOR:
            raise Blocked(f"{name} {candidate[name]:.4f} is under the floor {FLOOR}")
    if candidate["accuracy"] < baseline["accuracy"] + MIN_ACCURACY_GAIN:
        raise Blocked(f"accuracy {candidate['accuracy']:.4f} does not beat the baseline's "
                      f"{baseline['accuracy']:.4f} by {MIN_ACCURACY_GAIN}")
    if candidate["f1"] < baseline["f1"]:
        raise Blocked(f"f1 {candidate['f1']:.4f} is under the baseline's {baseline['f1']:.4f}")


def main(argv):
    if len(argv) != 2:
        print("usage: python ci/gate.py candidate.json baseline.json", file=sys.stderr)
        return 1
    try:
        judge(metrics(argv[0]), metrics(argv[1]))
    except Blocked as why:
        print(f"blocked: {why}", file=sys.stderr)
        return 1
    except Exception as e:  # anything unforeseen blocks too
        print(f"blocked: the gate failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print("passed: the candidate may replace the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
