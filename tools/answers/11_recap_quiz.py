"""Answers to the quiz of 11_recap_quiz (format: CONTRIBUTING.md, "Writing an exercise").

Each question names the notebooks to revisit; every choice question has a hint for each wrong
option, so which options have hints tells nothing.
"""

import numpy as np


def _relu_layer(x, w, b):
    return np.maximum(np.asarray(x) @ np.asarray(w) + np.asarray(b), 0.0)


def _no_activation(x, w, b):
    return np.asarray(x) @ np.asarray(w) + np.asarray(b)


def _bias_after_relu(x, w, b):
    return np.maximum(np.asarray(x) @ np.asarray(w), 0.0) + np.asarray(b)


def _sigmoid_layer(x, w, b):
    return 1 / (1 + np.exp(-(np.asarray(x) @ np.asarray(w) + np.asarray(b))))


# Q7: softmax of the logits (1, 2, 3)
_z = np.array([1.0, 2.0, 3.0])
_softmax = np.exp(_z) / np.exp(_z).sum()

# Q9: binary cross-entropy of three predictions
_y, _p = np.array([1.0, 0.0, 1.0]), np.array([0.9, 0.2, 0.6])
_bce = -np.mean(_y * np.log(_p) + (1 - _y) * np.log(1 - _p))

# Q10: the share of one outlier in MSE and in MAE
_e = np.array([1.0, -1.0, 2.0, -2.0, 20.0])
_share_mse, _share_mae = _e[-1] ** 2 / np.sum(_e**2), abs(_e[-1]) / np.sum(np.abs(_e))

# Q11: gradient of the logistic loss with respect to w
_x, _w = np.array([2.0, -1.0]), np.array([0.5, 0.5])
_phi = 1 / (1 + np.exp(-(_x @ _w)))
_grad = (_phi - 1.0) * _x


def _smallest_patience(curve):
    """The smallest patience with which EarlyStopping lets training run through every epoch."""
    for patience in range(1, len(curve) + 1):
        best, wait = np.inf, 0
        for loss in curve:
            if loss < best:
                best, wait = loss, 0
            else:
                wait += 1
                if wait >= patience:
                    break
        else:
            return patience
    raise ValueError("no patience lets this curve run")


_curve = [0.90, 0.70, 0.62, 0.64, 0.61, 0.63, 0.65, 0.66, 0.60]

LETTERS = ["a", "b", "c", "d"]

QUESTIONS = {
    "11-rank-data": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "c",
        "wrong": [
            ("a", "count the axes: one grayscale image has two, height and width."),
            ("b", "a table of samples by features has two axes; a batch of tables has three."),
            ("d", "a pixel (r, g, b) is one axis of length 3: rank 1, not rank 3."),
        ],
        "revisit": "01",
    },
    "11-ranks-xwb": {
        "kind": "shape",
        "answer": (2, 2, 1),
        "wrong": [
            ((32, 8, 16), "those are sizes of axes; the rank is the number of axes."),
            ((2, 2, 2), "b holds one number per unit: how many axes does that need?"),
            ((1, 1, 0), "that is one neuron and one sample; here x is a batch and W has 16 units."),
            ((2, 2, 0), "b is not one number: the layer has one bias per unit."),
        ],
        "revisit": "01, 02",
    },
    "11-trainable": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "b",
        "wrong": [
            ("a", "the optimizer changes the weights, not the data it reads."),
            ("c", "the learning rate is a setting you choose; the optimizer does not learn it."),
            ("d", "the labels are data: training fits the model to them, it never changes them."),
        ],
        "revisit": "02",
    },
    "11-forward-order": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "d",
        "wrong": [
            ("a", "the activation applies to the pre-activation z = xW + b, not to the input."),
            ("b", "the bias is added to the product xW; it is not added to x."),
            ("c", "the loss compares the layer's output with y: the bias comes before it."),
        ],
        "revisit": "02",
    },
    "11-dense-relu": {
        "kind": "function",
        "answer": _relu_layer,
        "inputs": [
            [
                [[1.0, 2.0, -1.0], [0.5, -1.0, 3.0]],
                [[1.0, -2.0], [0.5, 1.0], [-1.0, 0.5]],
                [0.1, -0.2],
            ],
            [[[2.0, 0.0, 1.0]], [[-1.0, 0.5], [2.0, 1.0], [0.0, -3.0]], [3.0, 2.5]],
        ],
        "output": "array",
        "decimals": 4,
        "wrong": [
            (_no_activation, "apply the activation phi = ReLU to z = xW + b."),
            (_bias_after_relu, "add b before the activation: phi(xW + b), not phi(xW) + b."),
            (_sigmoid_layer, "that is a sigmoid layer; this one uses ReLU, max(z, 0)."),
        ],
        "revisit": "02, 03",
    },
    "11-param-count": {
        "kind": "int",
        "answer": (20 + 1) * 64 + (64 + 1) * 3,
        "wrong": [
            (20 * 64 + 64 * 3, "you counted the weights only: every neuron also has a bias."),
            (20 * 64 + 64 + 64 * 3, "the output layer's neurons have biases too."),
            (20 * 64 + 64 * 3 + 3, "the hidden layer's neurons have biases too."),
            (20 * 64 + 64 * 3 + 2, "a layer has one bias per neuron, not one per layer."),
            ((20 + 1) * 64, "that is the hidden layer alone; add the output layer."),
        ],
        "revisit": "02",
    },
    "11-softmax": {
        "kind": "array",
        "answer": _softmax,
        "decimals": 3,
        "wrong": [
            (_z / _z.sum(), "normalise the exponentials e^z, not the logits themselves."),
            (
                np.exp(_z),
                "divide by the sum of the exponentials, so the probabilities add up to 1.",
            ),
            (
                1 / (1 + np.exp(-_z)),
                "that is a sigmoid of each logit; softmax normalises over all three.",
            ),
        ],
        "revisit": "03",
    },
    "11-from-logits": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "a",
        "wrong": [
            (
                "b",
                "the default from_logits=False reads the outputs as probabilities; these are not.",
            ),
            ("c", "CategoricalCrossentropy expects one-hot labels; these labels are integers."),
            (
                "d",
                "binary cross-entropy scores independent yes/no outputs; the ten digits exclude each other.",
            ),
        ],
        "revisit": "04, 07",
    },
    "11-bce": {
        "kind": "number",
        "answer": _bce,
        "decimals": 3,
        "wrong": [
            (_bce / np.log(10), "use the natural logarithm np.log, not np.log10."),
            (_bce * 3, "that is the sum over the examples; the loss is their mean."),
            (-np.mean(np.log(_p)), "for a label y = 0 the loss is -log(1 - p), not -log(p)."),
        ],
        "revisit": "04",
    },
    "11-outlier-share": {
        "kind": "array",
        "answer": [_share_mse, _share_mae],
        "decimals": 2,
        "wrong": [
            ([_share_mae, _share_mse], "the order is [share in MSE, share in MAE]."),
            (
                [_e[-1] ** 2 / np.sum(_e**2) / 5, _share_mae / 5],
                "a share is a fraction of the sum: the 1/n cancels.",
            ),
        ],
        "revisit": "04",
    },
    "11-logistic-grad": {
        "kind": "array",
        "answer": _grad,
        "decimals": 3,
        "wrong": [
            ((_x @ _w - 1.0) * _x, "you used z where the chain rule needs phi = sigmoid(z)."),
            (
                _grad * _phi * (1 - _phi),
                "dL/dz is already phi - y: do not multiply by phi(1 - phi) again.",
            ),
            (-_grad, "the sign is wrong: the loss falls as phi rises towards y = 1."),
        ],
        "revisit": "05, 06",
    },
    "11-patience": {
        "kind": "int",
        "answer": _smallest_patience(_curve),
        "wrong": [
            (
                3,
                "with patience 3 training stops after the third epoch without improvement, epoch 8.",
            ),
            (2, "with patience 2 training stops after epoch 7, two epochs after the best one."),
            (1, "with patience 1 training stops after epoch 4, the first without improvement."),
            (9, "a patience of 9 lets it run, but so does a smaller one: find the smallest."),
        ],
        "hint": "count the epochs without improvement after the best loss so far.",
        "revisit": "07",
    },
    "11-loss-weight": {
        "kind": "number",
        "answer": (0.66 - 0.42) / 0.12,
        "decimals": 2,
        "wrong": [
            (
                0.12 / (0.66 - 0.42),
                "the weight multiplies the attribute loss: 0.42 + w * 0.12 = 0.66.",
            ),
            (0.66 / 0.12, "the digit loss is part of the total too: subtract it first."),
            (1.0, "with equal weights the total would be 0.42 + 0.12."),
        ],
        "revisit": "08",
    },
    "11-adaptive": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "c",
        "wrong": [
            ("a", "that is a learning-rate schedule, which works with any optimizer."),
            ("b", "that is batch gradient descent; adaptive optimizers work on mini-batches."),
            ("d", "every step of an optimizer updates the weights, whether the loss fell or not."),
        ],
        "revisit": "09",
    },
    "11-accelerator": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "b",
        "wrong": [
            (
                "a",
                "the input pipeline runs on the CPU; the accelerator does the tensor arithmetic.",
            ),
            ("c", "the Python loop runs on the CPU, one step after another, on any device."),
            (
                "d",
                "hyperparameters come from your experiments; hardware only runs each one faster.",
            ),
        ],
        "revisit": "10",
    },
}
