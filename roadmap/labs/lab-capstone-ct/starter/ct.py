"""One round of level-1 continuous training on a new batch. TODO: see the brief.

drift check -> dvc repro -> MLflow run -> gate -> register -> promote -> image -> serve,
and one entry appended to ct-history.json.
"""
import argparse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", required=True)
    args = parser.parse_args()
    raise SystemExit(f"TODO: run one round of continuous training on {args.batch}")


if __name__ == "__main__":
    main()
