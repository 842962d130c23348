"""Answers to the exercises of 08_functional_api."""

import numpy as np

trunk = 784 * 128 + 128  # Exercise 1's trunk of 128 units
LETTERS = ["a", "b", "c", "d"]

QUESTIONS = {
    "08-two-heads-params": {
        "kind": "int",
        "answer": trunk + (128 * 10 + 10) + (128 * 4 + 4),
        "wrong": [
            (
                784 * 256 + 256 + 256 * 10 + 10 + 256 * 4 + 4,
                "that is two_heads with 256 units; this trunk has 128.",
            ),
            (784 * 128 + 128 * 10 + 128 * 4, "you forgot the biases: one per unit."),
            (2 * trunk + 128 * 10 + 10 + 128 * 4 + 4, "the trunk is shared: count it once."),
            (trunk + 128 * 10 + 10, "the attribute head has weights too: 128 * 4 + 4."),
            (
                128 * 10 + 10 + 128 * 4 + 4,
                "the trunk's 784 * 128 weights and 128 biases count too.",
            ),
            (trunk + 128 * 10 + 128 * 4, "each head's units have a bias too: 10 + 4 of them."),
            (784 * 128 + 128 * 10 + 10 + 128 * 4 + 4, "the trunk's 128 units have biases too."),
            (
                trunk + 256 * 10 + 10 + 256 * 4 + 4,
                "each head reads the 128 trunk units, not 256.",
            ),
        ],
    },
    "08-zero-model-loss": {
        "kind": "number",
        "answer": float(np.log(10) + 0.5 * np.log(2)),
        "decimals": 3,
        "wrong": [
            (float(np.log(10) + np.log(2)), "the attribute loss is weighted by 0.5."),
            (
                float(np.log(10) + 0.5 * 4 * np.log(2)),
                "L_attributes is the mean over the four attributes, not their sum.",
            ),
            (float(np.log(10)), "the attribute head has a loss too: a sigmoid of 0 is 0.5."),
            (float(np.log10(10) + 0.5 * np.log10(2)), "cross-entropy uses the natural log."),
            (float(np.log2(10) + 0.5 * np.log2(2)), "cross-entropy uses the natural log."),
            (
                float(0.5 * np.log(10) + np.log(2)),
                "the weight 0.5 is on the attribute loss; the digit loss has weight 1.0.",
            ),
            (
                float(0.5 * np.log(2)),
                "the digit loss counts too: a softmax of ten zeros gives 1/10.",
            ),
        ],
        "hint": "softmax of ten zeros gives 1/10 to each class; a sigmoid of 0 gives 1/2.",
    },
    "08-skip-shape": {
        "kind": "shape",
        "answer": (32, 784 + 256),
        "wrong": [
            ((32, 256), "Concatenate joins the flattened image (784) and the hidden layer (256)."),
            ((32, 784), "Concatenate joins the flattened image (784) and the hidden layer (256)."),
            ((32, 10), "that is the model's output; the skip layer comes before the output."),
            ((1040,), "a batch of 32 images goes in: the batch axis stays first."),
            ((32, 266), "the skip joins the flattened image and the hidden layer, not the output."),
            ((32, 2), "Concatenate joins along the last axis: the feature counts add up."),
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
            (
                lambda x, W, b: np.maximum(0.0, x @ W) + b,
                "add b before the activation: ReLU(xW + b), not ReLU(xW) + b.",
            ),
            (
                lambda x, W, b: 1 / (1 + np.exp(-(x @ W + b))),
                "that is a sigmoid; this layer uses ReLU, max(0, z).",
            ),
        ],
    },
    "08-single-image": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "c",
        "wrong": [
            ("a", "NumPy's @ accepts a 1-D x: it treats it as one row, (784,) @ (784, 256)."),
            ("b", "with a 1-D x, x @ W is 1-D too: the row axis is dropped again."),
            ("d", "x @ W gives one value per unit along the last axis, and no column axis."),
        ],
    },
    "08-two-inputs-params": {
        "kind": "int",
        "answer": (784 + 4) * 64 + 64 + 64 * 10 + 10,
        "wrong": [
            (784 * 64 + 64 + 64 * 10 + 10, "join the attribute input to the flattened image."),
            ((784 + 4) * 256 + 256 + 256 * 10 + 10, "the hidden layer has 64 units here."),
            ((784 + 4) * 64 + 64 * 10, "each Dense unit has a bias too: 64 + 10 of them."),
            (784 * 64 + 64 + 4 * 10 + 64 * 10 + 10, "the attributes join before the hidden layer."),
        ],
    },
    "08-two-inputs-shape": {
        "kind": "shape",
        "answer": (5, 10),
        "wrong": [
            ((5, 4), "the model's output is the digit head: 10 logits per image."),
            ((10,), "the output keeps the batch axis: 5 images, 10 logits each."),
            ((5, 64), "that is the hidden layer; the output is the digit head's 10 logits."),
        ],
    },
}
