"""Runs the learner's validate.py on one of the checker's batches.

Usage: contract.py --fixture NAME --expect valid|invalid [--column NAME]
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--expect", choices=["valid", "invalid"], required=True)
    parser.add_argument("--column")
    args = parser.parse_args()
    if not os.path.exists("validate.py"):
        report("fail", "validate.py not found")
    batch = os.path.join(HERE, "fixtures", args.fixture)
    try:
        done = subprocess.run([sys.executable, "validate.py", batch], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        report("error", "validate.py took more than 30 s")
    want = 0 if args.expect == "valid" else 1
    if done.returncode != want:
        said = done.stderr.strip()[-300:]
        report("fail", f"validate.py exited with {done.returncode} on a batch that is {args.expect}; expected {want}" + (f": {said}" if said else ""))
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    try:
        result = json.loads(lines[-1])
    except (IndexError, ValueError):
        report("fail", "validate.py printed no JSON object")
    if not isinstance(result, dict) or result.get("valid") is not (args.expect == "valid"):
        report("fail", f"validate.py printed valid: {result.get('valid') if isinstance(result, dict) else result!r}, expected {str(args.expect == 'valid').lower()}")
    errors = result.get("errors")
    if not isinstance(errors, list):
        report("fail", "the JSON has no errors list")
    if args.column:
        named = {e.get("column") for e in errors if isinstance(e, dict)}
        if args.column not in named:
            report("fail", f"the errors name {sorted(map(str, named))}, not the failing column {args.column!r}")
        if not all(isinstance(e, dict) and "check" in e for e in errors):
            report("fail", "every error needs a check key saying what was broken")
    elif errors:
        report("fail", f"a valid batch should have no errors, found {errors[:3]}")
    report("pass", f"{args.fixture}: {args.expect}")


if __name__ == "__main__":
    main()
