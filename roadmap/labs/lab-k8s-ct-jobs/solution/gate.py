"""Annotates model-api with model-version v2 only when train-v2's metrics pass."""
import json
import subprocess
import sys

CONTEXT = "kind-mlops-lab"
NAMESPACE = "mlops-lab"
THRESHOLD = 0.93


def kubectl(*args):
    # An argument list, never a shell; the context and namespace are always named.
    return subprocess.run(
        ["kubectl", "--context", CONTEXT, "--namespace", NAMESPACE, *args],
        check=True, capture_output=True, text=True,
    ).stdout


def main():
    lines = [line for line in kubectl("logs", "job/train-v2").splitlines() if line.strip()]
    metrics = json.loads(lines[-1])
    accuracy = float(metrics["val_accuracy"])
    if accuracy < THRESHOLD:
        print(f"gate closed: val_accuracy {accuracy:.3f} < {THRESHOLD}")
        sys.exit(1)
    kubectl("annotate", "deployment", "model-api",
            f"mlops.example/model-version={metrics['model_version']}", "--overwrite")
    print(f"gate open: val_accuracy {accuracy:.3f}; model-api now serves {metrics['model_version']}")


if __name__ == "__main__":
    main()
