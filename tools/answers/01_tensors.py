"""Answers to the exercises of 01_tensors."""

import numpy as np

# three 28 x 28 "images" with pixel values in [0, 1], on which the check calls image_means
_rng = np.random.default_rng(1)
_images = (_rng.integers(0, 256, size=(3, 28, 28)) / 255).round(3)


def _image_means(images):
    return np.asarray(images).reshape(len(images), -1).mean(axis=1)


QUESTIONS = {
    "01-colour-batch-shape": {
        "kind": "shape",
        "answer": (64, 32, 32, 3),
        "wrong": [
            ((64, 3, 32, 32), "that is channels-first; in the (N, H, W, C) layout they come last."),
        ],
        "hint": "one axis per: images, height, width, colour channels.",
    },
    "01-image-means": {
        "kind": "function",
        "answer": _image_means,
        "inputs": [[_images.tolist()]],
        "output": "array",
        "decimals": 3,
        "wrong": [
            (
                lambda images: np.asarray(images).reshape(len(images), -1).mean(axis=0),
                "you averaged down the images (axis 0): average along each row, one per image.",
            ),
            (
                lambda images: np.asarray(images).reshape(len(images), -1).sum(axis=1),
                "return the mean of each image, not the sum.",
            ),
        ],
        "hint": "flatten to (N, 784), then reduce along the axis that holds an image's pixels.",
    },
    "01-broadcast-which": {
        "kind": "text",
        "answer": "acd",
        "wrong": [
            ("abcd", "(b) does not broadcast: from the right, 4 meets 5 and neither is 1."),
            ("ac", "(d) broadcasts: a missing leading axis counts as size 1."),
            ("a", "(c) and (d) broadcast too: a size-1 axis stretches to match the other."),
        ],
        "hint": "line each pair up from the right; sizes must be equal or one of them 1.",
    },
    "01-broadcast-shape-d": {
        "kind": "shape",
        "answer": (2, 4, 3),
        "wrong": [((2, 1, 3), "the size-1 axis of (2, 1, 3) stretches to the 4 of (4, 1).")],
        "hint": "pad (4, 1) on the left to (1, 4, 1), then take the larger size on each axis.",
    },
    "01-matvec": {
        "kind": "array",
        "answer": np.array([[5.0], [8.0]]),
        "decimals": 0,
        "wrong": [
            (np.array([[5.0, 8.0]]), "x is a column, so A x is a column: shape (2, 1)."),
            (np.array([[8.0], [5.0]]), "entry i of A x is row i of A dotted with x."),
        ],
        "hint": "each entry is a row of A dotted with x: multiply entry by entry, then add.",
    },
}
