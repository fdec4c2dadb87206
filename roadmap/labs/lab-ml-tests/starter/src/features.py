"""Preprocessing: standardisation with statistics learnt from training rows."""
import numpy as np


def fit_scaler(X):
    """Column means and population standard deviations of X; a zero deviation becomes 1.0.

    Returns (mean, scale), two 1-D arrays with one value per column.
    """
    # TODO: move the code from notebook.py here.
    raise NotImplementedError("fit_scaler")


def transform(X, mean, scale):
    """X standardised with the statistics fit_scaler returned: (X - mean) / scale."""
    # TODO: move the code from notebook.py here.
    raise NotImplementedError("transform")
