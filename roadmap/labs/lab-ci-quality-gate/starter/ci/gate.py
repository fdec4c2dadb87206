"""The model quality gate a CI job runs before a candidate model may replace the baseline.

    python ci/gate.py candidate.json baseline.json

Must exit 0 only when the candidate passes, and 1 in every other case, including the ones
where it cannot tell: a missing file, a missing metric, a value that is not a number.
"""
import argparse
import json

FLOOR = 0.90  # accuracy and f1 of the candidate must both reach it
MIN_ACCURACY_GAIN = 0.005  # over the baseline's accuracy


def main():
    parser = argparse.ArgumentParser(description="block a model that is not good enough")
    parser.add_argument("candidate")
    parser.add_argument("baseline")
    args = parser.parse_args()
    with open(args.candidate) as f:
        candidate = json.load(f)
    with open(args.baseline) as f:
        baseline = json.load(f)
    print(f"candidate {candidate}, baseline {baseline}")
    # TODO: block (exit 1) unless accuracy and f1 are numbers between 0 and 1 in both files,
    #       the candidate reaches FLOOR on both, its accuracy beats the baseline's by at
    #       least MIN_ACCURACY_GAIN and its f1 is no lower than the baseline's.
    #       As written, this gate lets everything through: it fails open.


if __name__ == "__main__":
    main()
