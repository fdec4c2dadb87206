"""Behavioural tests of the trained model: minimum functionality, invariance, direction."""
import numpy as np
import pytest
from sklearn.model_selection import train_test_split

from src import model

pytestmark = pytest.mark.model

# Size features of the breast-cancer data: mean radius, perimeter, area; worst radius,
# perimeter, area. Larger cells point towards malignant (label 0).
SIZE = [0, 2, 3, 20, 22, 23]


@pytest.fixture(scope="module")
def split():
    X, y = model.load_data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    return model.train(X_train, y_train, seed=0), X_test, y_test


def test_minimum_functionality_accuracy_on_held_out_rows(split):
    fitted, X_test, y_test = split
    assert np.mean(fitted.predict(X_test) == y_test) >= 0.93


def test_invariance_to_tiny_measurement_noise(split):
    fitted, X_test, _ = split
    noisy = X_test * (1 + 1e-7)
    assert (fitted.predict(noisy) == fitted.predict(X_test)).all()


def test_direction_larger_cells_look_less_benign(split):
    fitted, X_test, _ = split
    grown = X_test.copy()
    grown[:, SIZE] *= 1.5
    before = fitted.predict_proba(X_test)[:, 1]
    after = fitted.predict_proba(grown)[:, 1]
    assert np.mean(after <= before + 1e-12) >= 0.95
