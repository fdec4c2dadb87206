"""Training: the bundled breast-cancer data and a logistic regression on scaled features."""
from . import features


def load_data():
    """The breast-cancer data as (X, y): 569 rows of 30 features, labels 0 (malignant) or 1."""
    # TODO: move the code from notebook.py here.
    raise NotImplementedError("load_data")


def train(X, y, seed=0):
    """A fitted model with predict(rows) and predict_proba(rows) on raw (unscaled) rows."""
    # TODO: move the code from notebook.py here; use features.fit_scaler and features.transform.
    raise NotImplementedError("train")
