"""The two reads of a feature store, by hand: a point-in-time correct training set and the
latest values an online store serves.

    python features.py historical ENTITIES.csv FEATURES.csv OUT.csv
    python features.py online FEATURES.csv OUT.csv
"""
import argparse

import pandas as pd

KEY = "driver_id"
TIME = "event_timestamp"
TTL = pd.Timedelta(hours=24)


def read_features(path):
    features = pd.read_csv(path)
    features["_at"] = pd.to_datetime(features[TIME], utc=True, format="ISO8601")
    return features


def historical(entities_path, features_path, out):
    entities = pd.read_csv(entities_path)
    features = read_features(features_path)
    names = [c for c in features.columns if c not in (KEY, TIME, "_at")]
    left = entities.assign(_at=pd.to_datetime(entities[TIME], utc=True, format="ISO8601"), _row=range(len(entities)))
    # merge_asof wants both sides sorted on the time; the row number restores the order.
    joined = pd.merge_asof(
        left.sort_values("_at"),
        features[[KEY, "_at", *names]].sort_values("_at"),
        on="_at", by=KEY, direction="backward", tolerance=TTL, allow_exact_matches=True,
    )
    joined = joined.sort_values("_row")
    joined[list(entities.columns) + names].to_csv(out, index=False)


def online(features_path, out):
    features = read_features(features_path)
    latest = features.sort_values("_at").groupby(KEY).tail(1)
    names = [c for c in features.columns if c not in (TIME, "_at")]
    latest[names].sort_values(KEY).to_csv(out, index=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    reads = parser.add_subparsers(dest="read", required=True)
    past = reads.add_parser("historical", help="a training set, as of each entity row's time")
    past.add_argument("entities")
    past.add_argument("features")
    past.add_argument("out")
    now = reads.add_parser("online", help="the latest values per driver")
    now.add_argument("features")
    now.add_argument("out")
    args = parser.parse_args()
    if args.read == "historical":
        historical(args.entities, args.features, args.out)
    else:
        online(args.features, args.out)


if __name__ == "__main__":
    main()
