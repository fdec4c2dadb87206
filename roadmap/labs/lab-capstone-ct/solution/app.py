"""The model service of the capstone: /version reports the registry version it was built with."""
import os
from pathlib import Path

import joblib
from fastapi import FastAPI
from pydantic import BaseModel

MODEL_PATH = Path(__file__).parent / "model" / "model.joblib"
MODEL_VERSION = os.environ.get("MODEL_VERSION", "unknown")

app = FastAPI(title="continuously trained model")
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
