"""A FastAPI service in front of the baseline model. Try it: python -m fastapi dev app.py"""
from pathlib import Path

import joblib
from fastapi import FastAPI

MODEL_PATH = Path(__file__).parent / "model" / "model.joblib"

app = FastAPI(title="baseline model")
model = joblib.load(MODEL_PATH)


@app.get("/health")
def health():
    return {"status": "ok"}


# TODO: GET /version answering {"model_version": ...}.
# TODO: POST /predict taking {"instances": [[30 numbers], ...]} and answering
#       {"predictions": [0 or 1, ...]}, with 422 for a malformed body.
