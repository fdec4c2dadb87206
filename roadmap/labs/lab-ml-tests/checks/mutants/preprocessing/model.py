"""Training: the bundled breast-cancer data and a logistic regression on scaled features."""
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression

from . import features


class Model:
    """A classifier that scales raw rows with the statistics of its training set."""

    def __init__(self, mean, scale, classifier):
        self.mean = mean
        self.scale = scale
        self.classifier = classifier

    def predict(self, rows):
        return self.classifier.predict(features.transform(rows, self.mean, self.scale))

    def predict_proba(self, rows):
        return self.classifier.predict_proba(features.transform(rows, self.mean, self.scale))


def load_data():
    """The breast-cancer data as (X, y): 569 rows of 30 features, labels 0 (malignant) or 1."""
    return load_breast_cancer(return_X_y=True)


def train(X, y, seed=0):
    """A fitted model with predict(rows) and predict_proba(rows) on raw (unscaled) rows."""
    mean, scale = features.fit_scaler(X)
    classifier = LogisticRegression(max_iter=1000, random_state=seed)
    classifier.fit(features.transform(X, mean, scale), y)
    return Model(mean, scale, classifier)
