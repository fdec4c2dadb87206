"""Data tests: what the model is trained on."""
import numpy as np
import pytest

from src import model

pytestmark = pytest.mark.data


def test_the_data_has_30_features_and_no_missing_values():
    X, y = model.load_data()
    assert X.shape == (569, 30)
    assert len(y) == 569
    assert not np.isnan(X).any()


def test_labels_are_binary_and_both_classes_occur():
    _, y = model.load_data()
    assert set(np.unique(y)) == {0, 1}
    assert 0.3 < np.mean(y) < 0.7
