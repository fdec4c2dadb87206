"""Preprocessing: standardisation with statistics learnt from training rows."""
import numpy as np


def fit_scaler(X):
    """Column means and population standard deviations of X; a zero deviation becomes 1.0.

    Returns (mean, scale), two 1-D arrays with one value per column.
    """
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def transform(X, mean, scale):
    """X standardised with the statistics fit_scaler returned: (X - mean) / scale."""
    return (np.asarray(X, dtype=float) - mean) / scale
