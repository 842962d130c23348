"""Unit tests of helpers.datasets: shapes, fixed splits, checksums and clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from helpers import datasets


def test_mnist_5k_shapes_range_and_stratified_split() -> None:
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist_5k()
    assert x_train.shape == (4000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert x_train.dtype == np.float32 and 0.0 == x_train.min() and x_train.max() == 1.0
    assert y_train.dtype == np.int64
    assert np.all(np.bincount(y_train) == 400) and np.all(np.bincount(y_test) == 100)


def test_mnist_5k_split_is_fixed() -> None:
    (_, y1), (_, t1) = datasets.load_mnist_5k()
    (_, y2), (_, t2) = datasets.load_mnist_5k()
    np.testing.assert_array_equal(y1, y2)
    np.testing.assert_array_equal(t1, t2)


@pytest.mark.parametrize(
    "name, features", [("digits", 64), ("breast_cancer", 30), ("diabetes", 10)]
)
def test_sklearn_sets_by_name(name: str, features: int) -> None:
    (x_train, y_train), (x_test, y_test) = datasets.load(name)
    assert x_train.shape[1] == x_test.shape[1] == features
    assert x_train.dtype == np.float32
    assert len(x_train) == len(y_train) and len(x_test) == len(y_test)
    assert len(x_test) == pytest.approx(0.2 * (len(x_train) + len(x_test)), abs=1)


def test_standardisation_uses_training_statistics() -> None:
    (x_train, _), (x_test, _) = datasets.load_breast_cancer(standardize=True)
    np.testing.assert_allclose(x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(x_train.std(axis=0), 1, atol=1e-4)
    assert not np.allclose(x_test.mean(axis=0), 0, atol=1e-3)  # the test set is not refitted
    (raw, _), _ = datasets.load_breast_cancer(standardize=False)
    assert raw.max() > 100


def test_standardisation_is_float64_rounded_once_to_float32() -> None:
    """The same bits under any NumPy/scikit-learn version (Colab's image is tested too)."""
    (x_train, _), (x_test, _) = datasets.load_diabetes()
    (raw, _), (raw_test, _) = datasets.load_diabetes(standardize=False)
    raw64 = raw.astype(np.float64)
    mean, std = raw64.mean(axis=0), raw64.std(axis=0)
    np.testing.assert_array_equal(x_train, ((raw64 - mean) / std).astype(np.float32))
    np.testing.assert_array_equal(
        x_test, ((raw_test.astype(np.float64) - mean) / std).astype(np.float32)
    )


def test_digits_scaled_to_unit_interval() -> None:
    (x_train, y_train), _ = datasets.load_digits()
    assert (
        0.0 <= x_train.min() and x_train.max() <= 1.0 and set(np.unique(y_train)) == set(range(10))
    )


def test_colour_images_are_rank_4() -> None:
    photos = datasets.load_colour_images()
    assert photos.shape == (2, 427, 640, 3) and photos.dtype == np.uint8


def test_unknown_name_lists_the_choices() -> None:
    with pytest.raises(
        ValueError, match="unknown data set 'mnist'.*breast_cancer, diabetes, digits, mnist_5k"
    ):
        datasets.load("mnist")


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(datasets.data_dir(), folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return folder


def test_corrupted_file_is_named_with_a_fix(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    with open(folder / "mnist_5k.npz", "r+b") as f:
        f.seek(1000)
        f.write(b"\x00corrupt")
    with pytest.raises(
        datasets.DataFileError,
        match=r"mnist_5k.npz is corrupted.*git checkout -- data/mnist_5k.npz",
    ):
        datasets.load_mnist_5k(folder)


def test_missing_file_is_named_with_a_fix(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    (folder / "mnist_5k.npz").unlink()
    with pytest.raises(datasets.DataFileError, match=r"mnist_5k.npz is missing.*build_mnist_5k.py"):
        datasets.load_mnist_5k(folder)


def test_missing_manifest_and_unlisted_file(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    with pytest.raises(datasets.DataFileError, match="not listed"):
        datasets.verified_path("other.npz", folder)
    (folder / "SHA256SUMS").unlink()
    with pytest.raises(datasets.DataFileError, match="manifest .* is missing"):
        datasets.load_mnist_5k(folder)


def test_shipped_file_matches_manifest() -> None:
    assert datasets.verified_path("mnist_5k.npz").name == "mnist_5k.npz"


def test_digit_attributes() -> None:
    targets, names = datasets.digit_attributes(np.arange(10))
    assert names == ["even", ">=5", "prime", "has a loop"]
    assert targets.shape == (10, 4) and targets.dtype == np.float32
    np.testing.assert_array_equal(targets[:, 0], [1, 0, 1, 0, 1, 0, 1, 0, 1, 0])
    np.testing.assert_array_equal(targets[:, 1], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    np.testing.assert_array_equal(np.flatnonzero(targets[:, 2]), [2, 3, 5, 7])
    np.testing.assert_array_equal(np.flatnonzero(targets[:, 3]), [0, 6, 8, 9])


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.eye(10), "1-D array"),
        (np.array([1, 10]), "0 to 9"),
        (np.array([0.5, 1.0]), "0 to 9"),
        (np.array([-1]), "0 to 9"),
    ],
)
def test_digit_attributes_rejects_bad_labels(bad: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        datasets.digit_attributes(bad)


def test_synthetic_sets() -> None:
    x, y = datasets.make_xor(200)
    assert x.shape == (200, 2) and np.mean(y == (np.sign(x[:, 0]) != np.sign(x[:, 1]))) > 0.95
    np.testing.assert_array_equal(
        datasets.make_xor(20, seed=3)[0], datasets.make_xor(20, seed=3)[0]
    )
    with pytest.raises(ValueError, match="at least"):
        datasets.make_xor(2)
