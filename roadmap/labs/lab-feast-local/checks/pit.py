"""Runs the learner's features.py on the checker's feature and entity tables and compares
what it writes with the point-in-time correct answer.

Usage: pit.py historical a|b | online b
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
Only the standard library is used, so the checker does not share the learner's bugs.
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
KEY, TIME = "driver_id", "event_timestamp"
TTL = timedelta(hours=24)


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def fixture(name):
    return os.path.join(HERE, "fixtures", name)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def when(text):
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "T", 1))


def number(text):
    """A cell as a number; None for an empty cell (or NaN, which pandas may write)."""
    text = (text or "").strip()
    if text == "" or text.lower() in ("nan", "none", "null", "<na>"):
        return None
    return float(text)


def same(got, want):
    try:
        a, b = number(got), number(want)
    except ValueError:
        return (got or "").strip() == (want or "").strip()
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def run(args):
    with tempfile.TemporaryDirectory(prefix="pit-check-") as scratch:
        out = os.path.join(scratch, "out.csv")
        try:
            done = subprocess.run([sys.executable, "features.py", *args, out],
                                  capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            report("error", "features.py took more than 60 s")
        shown = "python features.py " + " ".join(os.path.basename(a) for a in args) + " OUT.csv"
        if done.returncode != 0:
            report("fail", f"{shown} exited with {done.returncode}: {done.stderr.strip()[-300:]}")
        if not os.path.exists(out):
            report("fail", f"{shown} wrote no OUT.csv")
        try:
            return read(out)
        except (csv.Error, UnicodeDecodeError) as e:
            report("fail", f"OUT.csv is not a readable CSV: {e}")


def why(features, entity, column, got):
    """Explains a wrong value: where in time the learner's value comes from."""
    at = when(entity[TIME])
    sources = [f for f in features if f[KEY] == entity[KEY] and same(f[column], got)]
    if any(when(f[TIME]) > at for f in sources):
        return ": that value was recorded after the row's time, so the join looked into the future"
    if any(at - when(f[TIME]) > TTL for f in sources):
        return ": that value is more than 24 hours older than the row, past the feature view's TTL"
    return ""


def historical(case):
    entities_name, features_name = f"entities_{case}.csv", f"features_{case}.csv"
    entities, features = read(fixture(entities_name)), read(fixture(features_name))
    expected = read(fixture(f"expected_historical_{case}.csv"))
    got = run(["historical", fixture(entities_name), fixture(features_name)])
    if len(got) != len(expected):
        report("fail", f"the training set has {len(got)} rows for {len(expected)} entity rows: keep every entity row, once, in its order")
    columns = list(expected[0].keys())
    lacking = [c for c in columns if c not in got[0]]
    if lacking:
        report("fail", f"the training set lacks the columns {', '.join(lacking)}")
    for i, (row, want, entity) in enumerate(zip(got, expected, entities), start=1):
        if not same(row[KEY], want[KEY]) or when(row[TIME]) != when(want[TIME]):
            report("fail", f"row {i} is driver {row[KEY]} at {row[TIME]}, expected driver {want[KEY]} at {want[TIME]}: keep the entity rows in their order")
        for column in columns:
            if column != TIME and not same(row[column], want[column]):
                shown = want[column] if want[column] != "" else "empty (no value at that time)"
                report("fail", f"row {i} (driver {want[KEY]} at {want[TIME]}): {column} is {row[column] or 'empty'!r}, expected {shown}"
                       + why(features, entity, column, row[column]))
    report("pass", f"{len(expected)} rows joined as of their own time")


def online(case):
    features_name = f"features_{case}.csv"
    expected = {r[KEY]: r for r in read(fixture(f"expected_online_{case}.csv"))}
    got = run(["online", fixture(features_name)])
    by_key = {}
    for row in got:
        key = row.get(KEY, "").strip()
        try:
            key = str(int(float(key)))
        except ValueError:
            pass
        by_key[key] = row
    if sorted(by_key) != sorted(expected) or len(got) != len(expected):
        report("fail", f"the online table has drivers {sorted(by_key)} in {len(got)} rows, expected one row for each of {sorted(expected)}")
    for key, want in expected.items():
        for column, value in want.items():
            if column not in by_key[key]:
                report("fail", f"the online table lacks the column {column}")
            if not same(by_key[key][column], value):
                report("fail", f"driver {key}: {column} is {by_key[key][column]!r}, expected {value}, its latest value")
    report("pass", f"the latest values of {len(expected)} drivers")


def main():
    if not os.path.exists("features.py"):
        report("fail", "features.py not found")
    read_kind, case = sys.argv[1], sys.argv[2]
    (historical if read_kind == "historical" else online)(case)


if __name__ == "__main__":
    main()
