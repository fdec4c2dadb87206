"""Validate a CSV batch against the data contract.

Usage: python validate.py FILE.csv
Exits 0 for a valid batch, 1 for an invalid one; prints {"valid": ..., "errors": [...]}.
"""
import csv
import json
import sys

COLUMNS = ["id", "age", "income", "segment", "label"]


def validate(path):
    errors = []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        # TODO: every column in COLUMNS must be present: {"column": NAME, "check": "present"}.
        for row in reader:
            # TODO: check each value against the contract in the brief, appending
            #       {"column": NAME, "check": WHAT, "row": N} for each problem.
            pass
    return errors


def main():
    errors = validate(sys.argv[1])
    print(json.dumps({"valid": not errors, "errors": errors}))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
