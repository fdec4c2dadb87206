"""Trains the model inside the Job train-v2. TODO: see the brief for the contract."""
import os


def main():
    seed = int(os.environ.get("SEED", "42"))
    # TODO: train on the bundled breast-cancer data, write /models/v2/model.joblib, and
    # print one JSON line with model_version and val_accuracy, last.
    raise SystemExit(f"TODO: train with seed {seed}")


if __name__ == "__main__":
    main()
