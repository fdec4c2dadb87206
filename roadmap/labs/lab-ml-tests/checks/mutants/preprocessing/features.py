"""A broken copy of the contract: transform forgets to centre the columns."""
import numpy as np


def fit_scaler(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def transform(X, mean, scale):
    return np.asarray(X, dtype=float) / scale
