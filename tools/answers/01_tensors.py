"""Answers to the exercises of 01_tensors."""

import numpy as np

# two 4 x 5 colour "images" (3 channels), channels-first (2, 3, 4, 5), values in [0, 1], on which
# the check calls channel_means
_rng = np.random.default_rng(1)
_images = (_rng.integers(0, 256, size=(2, 3, 4, 5)) / 255).round(3)


def _channel_means(images):
    return np.asarray(images).mean(axis=(2, 3))


QUESTIONS = {
    "01-channels-last-perm": {
        "kind": "shape",
        "answer": (0, 2, 3, 1),
        "wrong": [
            (
                (0, 3, 1, 2),
                "that perm turns channels-last into channels-first; here it would give "
                "(64, 48, 3, 32). New axis i is old axis perm[i]: where is H in (N, C, H, W)?",
            ),
            (
                (64, 32, 48, 3),
                "that is the shape of the result; perm lists, for each new axis, the old axis.",
            ),
            ((0, 2, 1, 3), "that gives (64, 32, 3, 48): C must come last, W before it."),
        ],
        "hint": "new axis i is old axis perm[i]: in (N, C, H, W), N is 0, C 1, H 2, W 3.",
    },
    "01-channel-means": {
        "kind": "function",
        "answer": _channel_means,
        "inputs": [[_images.tolist()]],
        "output": "array",
        "decimals": 3,
        "wrong": [
            (
                lambda images: np.asarray(images).mean(axis=(1, 2)),
                "that reduces channels and height, the axes of channels-last images; here the "
                "pixels are axes 2 and 3.",
            ),
            (
                lambda images: np.asarray(images).mean(axis=(1, 2, 3)),
                "you averaged the channels together too: keep axis 1, one mean per channel.",
            ),
            (
                lambda images: np.asarray(images).mean(axis=(0, 2, 3)),
                "you averaged over the whole batch: keep axis 0, one row of means per image.",
            ),
        ],
        "hint": "in (N, C, H, W) an image's pixels are axes 2 and 3; the batch (0) and channels (1) stay.",
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
            (np.array([[5.0, 8.0]]), "v is a column, so A v is a column: shape (2, 1)."),
            (np.array([[8.0], [5.0]]), "entry i of A v is row i of A dotted with v."),
        ],
        "hint": "each entry is a row of A dotted with v: multiply entry by entry, then add.",
    },
}
