"""Stage prepare: split data/raw.csv into data/prepared/train.csv and test.csv.

Reads params.yaml's prepare section. Usage: python src/prepare.py
"""
import os

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split


def main():
    with open("params.yaml") as f:
        params = yaml.safe_load(f)["prepare"]
    raw = pd.read_csv("data/raw.csv")
    train, test = train_test_split(
        raw, test_size=params["test_size"], stratify=raw["target"], random_state=params["seed"]
    )
    os.makedirs("data/prepared", exist_ok=True)
    train.to_csv("data/prepared/train.csv", index=False)
    test.to_csv("data/prepared/test.csv", index=False)


if __name__ == "__main__":
    main()
