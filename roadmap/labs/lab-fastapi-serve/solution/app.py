"""A FastAPI service in front of the baseline model. Try it: python -m fastapi dev app.py"""
from pathlib import Path

import joblib
from fastapi import FastAPI
from pydantic import BaseModel

MODEL_PATH = Path(__file__).parent / "model" / "model.joblib"
MODEL_VERSION = "baseline-1"

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
    return {"predictions": [int(p) for p in model.predict(batch.instances)]}
