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


def latest_per_driver(features):
    at = pd.to_datetime(features[TIME], utc=True, format="ISO8601")
    return features.assign(_at=at).sort_values("_at").groupby(KEY).tail(1).drop(columns=["_at"])


def historical(entities_path, features_path, out):
    entities = pd.read_csv(entities_path)
    features = pd.read_csv(features_path)
    # TODO: this joins every row with the driver's LATEST values, even values recorded
    #       after the row's time. Take instead, for each entity row, the feature row of the
    #       same driver with the latest event_timestamp at or before the row's own, and
    #       no more than TTL older; leave the features empty when there is none.
    latest = latest_per_driver(features).drop(columns=[TIME])
    entities.merge(latest, on=KEY, how="left").to_csv(out, index=False)


def online(features_path, out):
    features = pd.read_csv(features_path)
    latest_per_driver(features).drop(columns=[TIME]).to_csv(out, index=False)


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
