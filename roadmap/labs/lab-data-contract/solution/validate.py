"""Validate a CSV batch against the data contract.

Usage: python validate.py FILE.csv
Exits 0 for a valid batch, 1 for an invalid one; prints {"valid": ..., "errors": [...]}.
"""
import csv
import json
import sys

COLUMNS = ["id", "age", "income", "segment", "label"]


def integer(value):
    try:
        return int(value)
    except ValueError:
        return None


def number(value):
    try:
        return float(value)
    except ValueError:
        return None


def validate(path):
    errors = []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        present = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in present]
        for column in missing:
            errors.append({"column": column, "check": "present"})
        if missing:
            return errors
        seen = set()
        for n, row in enumerate(reader, start=1):
            def error(column, check):
                errors.append({"column": column, "check": check, "row": n, "value": row[column]})

            id_ = integer(row["id"])
            if id_ is None:
                error("id", "type")
            elif id_ in seen:
                error("id", "unique")
            else:
                seen.add(id_)
            age = integer(row["age"])
            if age is None:
                error("age", "type")
            elif not 18 <= age <= 100:
                error("age", "range")
            income = number(row["income"])
            if income is None:
                error("income", "type")
            elif income < 0:
                error("income", "range")
            if row["segment"] not in ("a", "b", "c"):
                error("segment", "allowed")
            if row["label"].strip() == "":
                error("label", "not_null")
            elif row["label"] not in ("0", "1"):
                error("label", "allowed")
    return errors


def main():
    errors = validate(sys.argv[1])
    print(json.dumps({"valid": not errors, "errors": errors}))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
