"""Answers to the exercises of 08_functional_api."""

import numpy as np

trunk = 784 * 256 + 256
batch_means, batch_sizes = [0.2, 0.3, 0.4, 1.0], [300, 300, 300, 100]

QUESTIONS = {
    "08-two-heads-params": {
        "kind": "int",
        "answer": trunk + (256 * 10 + 10) + (256 * 4 + 4),
        "wrong": [
            (784 * 256 + 256 * 10 + 256 * 4, "you forgot the biases: one per unit."),
            (2 * trunk + 256 * 10 + 10 + 256 * 4 + 4, "the trunk is shared: count it once."),
            (trunk + 256 * 10 + 10, "the attribute head has weights too: 256 * 4 + 4."),
        ],
    },
    "08-batch-mean": {
        "kind": "number",
        "answer": float(np.dot(batch_means, batch_sizes) / np.sum(batch_sizes)),
        "decimals": 3,
        "wrong": [
            (
                float(np.mean(batch_means)),
                "that is the plain mean of the four batch means; Keras weights each batch by "
                "its number of images.",
            ),
            (float(np.sum(batch_means)), "a loss is a mean over images, not a sum."),
        ],
    },
    "08-skip-shape": {
        "kind": "shape",
        "answer": (32, 784 + 256),
        "wrong": [
            ((32, 256), "Concatenate joins the flattened image (784) and the hidden layer (256)."),
            ((32, 784), "Concatenate joins the flattened image (784) and the hidden layer (256)."),
            ((32, 10), "that is the model's output; the skip layer comes before the output."),
        ],
    },
    "08-neuron-forward": {
        "kind": "function",
        "answer": lambda x, W, b: np.maximum(0.0, x @ W + b),
        "inputs": [
            [[[1.0, 2.0], [-1.0, 0.5]], [[0.5, -1.0, 2.0], [1.0, 0.25, -3.0]], [0.1, 0.2, -0.3]],
            [[[3.0, -2.0]], [[1.0], [2.0]], [0.5]],
        ],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (lambda x, W, b: x @ W + b, "apply the activation: ReLU(z) = max(0, z)."),
            (lambda x, W, b: np.maximum(0.0, x @ W), "you forgot the bias b."),
        ],
    },
    "08-two-inputs-params": {
        "kind": "int",
        "answer": (784 + 4) * 64 + 64 + 64 * 10 + 10,
        "wrong": [
            (784 * 64 + 64 + 64 * 10 + 10, "join the attribute input to the flattened image."),
            ((784 + 4) * 256 + 256 + 256 * 10 + 10, "the hidden layer has 64 units here."),
        ],
    },
    "08-two-inputs-shape": {
        "kind": "shape",
        "answer": (5, 10),
        "wrong": [((5, 4), "the model's output is the digit head: 10 logits per image.")],
    },
}
