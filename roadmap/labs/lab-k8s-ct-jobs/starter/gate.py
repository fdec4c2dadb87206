"""Lets model v2 out only when its metrics pass. TODO: see the brief for the contract."""
import sys

CONTEXT = "kind-mlops-lab"
NAMESPACE = "mlops-lab"
THRESHOLD = 0.93


def main():
    sys.exit("TODO: read the last log line of job/train-v2 and annotate model-api if it passes")


if __name__ == "__main__":
    main()
