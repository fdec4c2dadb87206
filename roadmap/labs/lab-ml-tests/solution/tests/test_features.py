"""Unit tests for src/features.py."""
import numpy as np
import pytest

from src import features


def test_a_constant_column_keeps_scale_one():
    X = np.array([[1.0, 5.0], [3.0, 5.0]])
    _, scale = features.fit_scaler(X)
    assert scale[1] == 1.0


def test_fit_scaler_learns_mean_and_population_std():
    X = np.array([[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]])
    mean, scale = features.fit_scaler(X)
    assert mean == pytest.approx([3.0, 30.0])
    assert scale == pytest.approx(np.std(X, axis=0))


def test_transformed_training_rows_have_mean_zero_and_std_one():
    rng = np.random.default_rng(0)
    X = rng.normal(loc=50.0, scale=7.0, size=(200, 3))
    mean, scale = features.fit_scaler(X)
    scaled = features.transform(X, mean, scale)
    assert scaled.mean(axis=0) == pytest.approx(np.zeros(3), abs=1e-9)
    assert scaled.std(axis=0) == pytest.approx(np.ones(3))


def test_transform_uses_the_given_statistics_not_the_batch():
    row = np.array([[4.0, 4.0]])
    scaled = features.transform(row, np.array([2.0, 0.0]), np.array([2.0, 4.0]))
    assert scaled.tolist() == [[1.0, 1.0]]
