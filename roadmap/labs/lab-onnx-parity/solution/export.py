"""Convert model/model.joblib to ONNX: python export.py writes model.onnx."""
import joblib
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType

N_FEATURES = 30


def main():
    model = joblib.load("model/model.joblib")
    # None: any number of rows in a batch.
    onnx_model = convert_sklearn(
        model,
        initial_types=[("input", FloatTensorType([None, N_FEATURES]))],
        options={"zipmap": False},
    )
    with open("model.onnx", "wb") as f:
        f.write(onnx_model.SerializeToString())
    print("wrote model.onnx")


if __name__ == "__main__":
    main()
