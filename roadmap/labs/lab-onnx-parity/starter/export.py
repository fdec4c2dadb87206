"""Convert model/model.joblib to ONNX: python export.py writes model.onnx."""
import joblib

N_FEATURES = 30


def main():
    model = joblib.load("model/model.joblib")
    # TODO: convert the model with skl2onnx, with an input of float32 rows of N_FEATURES
    #       features and any number of rows.
    # TODO: write the result to model.onnx.
    raise SystemExit("export.py: the TODOs are not done yet")


if __name__ == "__main__":
    main()
