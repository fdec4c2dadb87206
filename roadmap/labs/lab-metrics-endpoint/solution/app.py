"""The model service of lab-fastapi-serve, instrumented for Prometheus.

Run it: python -m uvicorn app:app --host 127.0.0.1 --port 8000
"""
import time
from pathlib import Path

import joblib
from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, Info, generate_latest
from pydantic import BaseModel

MODEL_PATH = Path(__file__).parent / "model" / "model.joblib"
MODEL_VERSION = "baseline-1"

PREDICTIONS = Counter("model_predictions", "Predictions returned, by predicted class", ["predicted_class"])
INFERENCE = Histogram("model_inference_seconds", "Time spent in model.predict per request, in seconds")
MODEL_INFO = Info("model", "The model being served")
MODEL_INFO.info({"version": MODEL_VERSION})

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
    predictions = [int(p) for p in model.predict(batch.instances)]
    INFERENCE.observe(time.perf_counter() - started)
    for p in predictions:
        PREDICTIONS.labels(predicted_class=str(p)).inc()
    return {"predictions": predictions}


@app.get("/metrics")
def metrics():
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
