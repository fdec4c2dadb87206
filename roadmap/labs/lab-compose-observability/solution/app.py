"""The model service with Prometheus metrics on /metrics."""
import time
from pathlib import Path

import joblib
from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from pydantic import BaseModel

MODEL_PATH = Path(__file__).parent / "model" / "model.joblib"
MODEL_VERSION = "baseline-1"

PREDICTIONS = Counter("model_predictions", "Predictions served", ["predicted_class"])
INFERENCE = Histogram("model_inference_seconds", "Time spent in model.predict")
INFO = Gauge("model_info", "The model being served", ["version"])
INFO.labels(version=MODEL_VERSION).set(1)

app = FastAPI(title="baseline model")
model = joblib.load(MODEL_PATH)


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
    started = time.perf_counter()
    labels = [int(p) for p in model.predict(batch.instances)]
    INFERENCE.observe(time.perf_counter() - started)
    for label in labels:
        PREDICTIONS.labels(predicted_class=str(label)).inc()
    return {"predictions": labels}


@app.get("/metrics")
def metrics():
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
