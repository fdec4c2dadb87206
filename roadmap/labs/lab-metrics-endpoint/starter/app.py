"""The model service of lab-fastapi-serve, to be instrumented for Prometheus.

Run it: python -m uvicorn app:app --host 127.0.0.1 --port 8000
"""
from pathlib import Path

import joblib
from fastapi import FastAPI
from pydantic import BaseModel

MODEL_PATH = Path(__file__).parent / "model" / "model.joblib"
MODEL_VERSION = "baseline-1"

app = FastAPI(title="baseline model")
model = joblib.load(MODEL_PATH)

# TODO: declare the metrics with prometheus_client:
#   model_predictions_total{predicted_class}  a Counter, one per prediction returned
#   model_inference_seconds                   a Histogram of how long predict took
#   model_info{version}                       an Info (or a Gauge set to 1)


class Batch(BaseModel):
    instances: list[list[float]]


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/version")
def version():
    return {"model_version": MODEL_VERSION}


@app.post("/predict")
def predict(batch: Batch):
    # TODO: time the prediction and count each predicted class.
    return {"predictions": [int(p) for p in model.predict(batch.instances)]}


# TODO: GET /metrics answering the Prometheus text format.
