"""Answers to the quiz of 11_recap_quiz (format: CONTRIBUTING.md, "Writing an exercise").

Each question names the notebooks to revisit; every choice question has a hint for each wrong
option, so which options have hints tells nothing. A hint says why that option fails, not which
option is right; the options of a question are of about the same length and say equally much.
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


def _softmax(z):
    z = np.asarray(z, dtype=float)
    return np.exp(z) / np.exp(z).sum()


# Q7: softmax of the logits (1, 2, 3) shifted by 5 and doubled
_z = np.array([1.0, 2.0, 3.0])
_softmax_pair = [_softmax(_z + 5), _softmax(2 * _z)]

# Q9: binary cross-entropy of three predictions
_y, _p = np.array([1.0, 0.0, 1.0]), np.array([0.9, 0.2, 0.6])
_bce = -np.mean(_y * np.log(_p) + (1 - _y) * np.log(1 - _p))
_bce_half = np.log(2.0)  # the baseline that always predicts 0.5

# Q10: the outlier's share of sum_i |dL/dy_hat_i| under MSE (2 e_i / N) and MAE (sign(e_i) / N)
_e = np.array([1.0, -1.0, 2.0, -2.0, 20.0])
_share_mse, _share_mae = abs(_e[-1]) / np.sum(np.abs(_e)), 1 / len(_e)
_loss_share_mse, _loss_share_mae = _e[-1] ** 2 / np.sum(_e**2), abs(_e[-1]) / np.sum(np.abs(_e))
assert round(_share_mse, 2) == 0.77 and round(_share_mae, 2) == 0.20

# Q11: gradient of the logistic loss with respect to w
_x, _w = np.array([2.0, -1.0]), np.array([0.5, 0.5])
_y_hat = 1 / (1 + np.exp(-(_x @ _w)))
_grad = (_y_hat - 1.0) * _x


def _last_epoch(curve, patience):
    """The last epoch (counting from 1) that runs under EarlyStopping with this patience."""
    best, wait = np.inf, 0
    for epoch, loss in enumerate(curve, start=1):
        if loss < best:
            best, wait = loss, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
    return len(curve)


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

# Q10: a multi-label head: four logits of one image of an 8 (even, >=5, prime, has a loop)
_z10 = np.array([2.0, 1.0, -1.0, 0.5])
_y10 = np.array([1.0, 1.0, 0.0, 1.0])
_sig10 = 1 / (1 + np.exp(-_z10))
_yes10 = (int(np.sum(_sig10 > 0.5)), int(np.sum(_softmax(_z10) > 0.5)))
assert _yes10 == (3, 1)


def _bce_mean(y, p):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


_bce10 = _bce_mean(_y10, _sig10)

# Q12: the lecture's J = 3(a b + c) at a = 2, b = -3, c = 4: [J, dJ/da, dJ/db, dJ/dc]
_a12, _b12, _c12 = 2.0, -3.0, 4.0
_J12 = [3 * (_a12 * _b12 + _c12), 3 * _b12, 3 * _a12, 3.0]

# Q13: one gradient-descent step on L(w) = (w - 3)^2 from w = 1, with eps = 0.1 and eps = 1.1
_g13 = 2 * (1.0 - 3.0)
_steps13 = [1.0 - 0.1 * _g13, 1.0 - 1.1 * _g13]

# Q18: momentum's step length after many steps (eps = 0.1, beta = 0.9) on a steady slope (g = 1)
# and in a zig-zag (g = 1, -1, 1, ...): the fixed points eps / (1 - beta) and eps / (1 + beta)
_eps18, _beta18 = 0.1, 0.9


def _momentum_steps(gradients):
    v = 0.0
    for g in gradients:
        v = _beta18 * v - _eps18 * g
    return abs(v)


_slope18 = _momentum_steps([1.0] * 500)
_zigzag18 = _momentum_steps([(-1.0) ** t for t in range(500)])
assert np.isclose(_slope18, _eps18 / (1 - _beta18)) and np.isclose(
    _zigzag18, _eps18 / (1 + _beta18)
)

# Q20: epochs that 300 updates make over 4,800 examples: batch GD, SGD, mini-batches of 128
_epochs20 = [300 / 1, 300 / 4800, 300 / int(np.ceil(4800 / 128))]

LETTERS = ["a", "b", "c", "d"]

QUESTIONS = {
    "11-rank-data": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "c",
        "wrong": [
            ("a", "count the axes: one grayscale image has two, height and width."),
            ("b", "a table of samples by features has two axes; a batch of tables has three."),
            ("d", "count the axes of one colour image first, then those of a batch of them."),
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
    "11-output-shape": {
        "kind": "shape",
        "answer": (32, 16),
        "wrong": [
            ((32, 8), "the product xW has one column per unit of the layer, not per input."),
            ((8, 16), "that is the shape of W; the output has one row per sample of the batch."),
            ((16, 32), "the rows are the samples: (batch, units)."),
            ((16,), "that is the shape of b; the output keeps the batch axis of x."),
        ],
        "revisit": "01, 02",
    },
    "11-trainable": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "b",
        "wrong": [
            ("a", "x is the data the layer reads: training never changes its inputs."),
            ("c", "the learning rate is a setting you choose; the optimizer does not learn it."),
            ("d", "the labels are data: training fits the model to them, it never changes them."),
        ],
        "revisit": "02",
    },
    "11-nonlinear-step": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "c",
        "wrong": [
            (
                "a",
                "ReLU(-1) + ReLU(1) = 1 but ReLU(-1 + 1) = 0: ReLU is not linear, it bends at 0.",
            ),
            (
                "b",
                "adding b shifts every value by the same amount: a shift does not bend anything.",
            ),
            ("d", "xW is linear in x whatever the values of W: training changes W, not that."),
        ],
        "revisit": "03",
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
        "answer": _softmax_pair,
        "decimals": 3,
        "wrong": [
            (
                [_softmax(_z + 5), _softmax(_z)],
                "doubling the logits is not a shift: it widens the gaps between them.",
            ),
            (
                [(_z + 5) / (_z + 5).sum(), 2 * _z / (2 * _z).sum()],
                "normalise the exponentials e^z, not the logits themselves.",
            ),
            (
                [np.exp(_z + 5), np.exp(2 * _z)],
                "divide by the sum of the exponentials, so the probabilities add up to 1.",
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
                "binary cross-entropy scores independent yes/no outputs; the ten digits exclude "
                "each other.",
            ),
        ],
        "revisit": "04, 07",
    },
    "11-bce": {
        "kind": "array",
        "answer": [_bce, _bce_half],
        "decimals": 3,
        "wrong": [
            (
                [_bce / np.log(10), _bce_half / np.log(10)],
                "use the natural logarithm np.log, not np.log10.",
            ),
            (
                [_bce * 3, _bce_half * 3],
                "that is the sum over the examples; the loss is their mean.",
            ),
            (
                [-np.mean(np.log(_p)), _bce_half],
                "for a label y = 0 the loss is -log(1 - p), not -log(p).",
            ),
            ([_bce, 0.5], "the baseline's loss is -log(0.5) for every example, not 0.5."),
        ],
        "revisit": "04",
    },
    "11-multi-label-yes": {
        "kind": "shape",
        "answer": _yes10,
        "wrong": [
            ((3, 3), "the four softmax probabilities add up to 1: how many can be above 0.5?"),
            ((1, 1), "each sigmoid reads only its own logit: sigmoid(z) > 0.5 exactly when z > 0."),
            ((3, 0), "compute the softmax: here its largest probability is above 0.5."),
            ((4, 1), "sigmoid(-1) is below 0.5: a negative logit is a no."),
            ((1, 3), "the order is (with sigmoids, with a softmax)."),
        ],
        "hint": "sigmoid: one probability per logit; softmax: four probabilities that sum to 1.",
        "revisit": "03, 08",
    },
    "11-multi-label-loss": {
        "kind": "number",
        "answer": _bce10,
        "decimals": 3,
        "wrong": [
            (4 * _bce10, "that is the sum over the four attributes; the loss is their mean."),
            (
                _bce_mean(1 - _y10, _sig10),
                "the labels of an 8 are (1, 1, 0, 1): even, >= 5, not prime, has a loop.",
            ),
            (
                float(-np.mean(np.log(_sig10))),
                "prime's label is 0: its term is -log(1 - p), not -log(p).",
            ),
            (
                _bce_mean(_y10, _softmax(_z10)),
                "each attribute has its own sigmoid; a softmax would make the four compete.",
            ),
            (_bce10 / np.log(10), "use the natural logarithm np.log, not np.log10."),
        ],
        "revisit": "03, 04, 08",
    },
    "11-outlier-share": {
        "kind": "array",
        "answer": [_share_mse, _share_mae],
        "decimals": 2,
        "wrong": [
            ([_share_mae, _share_mse], "the order is [share under MSE, share under MAE]."),
            (
                [_loss_share_mse, _loss_share_mae],
                "those are shares of the loss value; the fit moves along the gradient dL/dy_hat.",
            ),
            (
                [_loss_share_mse, _share_mae],
                "MSE's derivative 2 e_i / N grows like the error, not like its square.",
            ),
            (
                [_share_mse, _loss_share_mae],
                "MAE's derivative sign(e_i) / N has the same size for every example.",
            ),
        ],
        "revisit": "04",
    },
    "11-graph-j": {
        "kind": "array",
        "answer": _J12,
        "decimals": 2,
        "wrong": [
            ([-6.0, -3.0, 2.0, 1.0], "every path to J ends with J = 3z: multiply by dJ/dz = 3."),
            (
                [-6.0, 6.0, -9.0, 3.0],
                "du/da = b: the derivative of a * b by a is the other factor.",
            ),
            ([-6.0, -9.0, 6.0, 1.0], "c reaches J through z = u + c and J = 3z: 1 times 3."),
            ([-6.0, 3.0, 3.0, 3.0], "dJ/du = 3, and u = a * b: multiply by du/da and du/db."),
            ([-14.0, -9.0, 6.0, 3.0], "J = 3(a * b + c): the 3 multiplies c too."),
        ],
        "hint": "forward: u = a * b, z = u + c, J = 3z; backward: dJ/dz, then dJ/du and dJ/dc.",
        "revisit": "05",
    },
    "11-update-step": {
        "kind": "array",
        "answer": _steps13,
        "decimals": 2,
        "wrong": [
            ([0.6, -3.4], "w <- w - eps * dL/dw: here dL/dw is negative, so w grows."),
            ([1.2, 3.2], "the derivative of (w - 3)^2 is 2(w - 3): keep the 2."),
            ([-0.4, -4.4], "that is eps * dL/dw; the new w is the old w minus it."),
            ([0.4, 4.4], "that is the size of the step; the new w is the old w minus eps * dL/dw."),
            ([1.4, 3.0], "a step has no brake at the minimum: compute 1 - 1.1 * dL/dw."),
        ],
        "hint": "dL/dw = 2(w - 3) at w = 1; then w <- w - eps * dL/dw for each eps.",
        "revisit": "05",
    },
    "11-logistic-grad": {
        "kind": "array",
        "answer": _grad,
        "decimals": 3,
        "wrong": [
            ((_x @ _w - 1.0) * _x, "you used z where the chain rule needs y_hat = sigmoid(z)."),
            (
                _grad * _y_hat * (1 - _y_hat),
                "dL/dz is already y_hat - y: do not multiply by y_hat(1 - y_hat) again.",
            ),
            (-_grad, "the sign is wrong: the loss falls as y_hat rises towards y = 1."),
        ],
        "revisit": "05, 06",
    },
    "11-patience": {
        "kind": "shape",
        "answer": (_last_epoch(_curve, 3), _smallest_patience(_curve)),
        "wrong": [
            ((4, 8), "the order is (last epoch with patience 3, smallest patience)."),
            (
                (8, 3),
                "patience 3 stops after epoch 8, so it does not reach epoch 9: one more is needed.",
            ),
            ((8, 9), "a patience of 9 lets it run, but so does a smaller one: find the smallest."),
            (
                (6, 4),
                "epoch 5's 0.61 beats 0.62 and resets the count: epochs 6, 7, 8 are the three.",
            ),
            ((7, 4), "count again: the three epochs without improvement after epoch 5 end at 8."),
            ((9, 4), "patience 3 does stop the run: epochs 6, 7 and 8 do not beat 0.61."),
        ],
        "hint": "count the epochs without improvement after the best loss so far.",
        "revisit": "07",
    },
    "11-which-api": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "d",
        "wrong": [
            ("a", "a convolution is a layer like any other, and here each layer feeds the next."),
            ("b", "many layers with dropout between them still form one chain, input to output."),
            ("c", "four sigmoid outputs are one Dense(4) layer at the end of a single chain."),
        ],
        "revisit": "08",
    },
    "11-loss-weight": {
        "kind": "number",
        "answer": (0.66 - 0.42) / 0.12,
        "decimals": 2,
        "wrong": [
            (
                0.12 / (0.66 - 0.42),
                "the weight multiplies the attribute loss: 0.42 + lambda * 0.12 = 0.66.",
            ),
            (0.66 / 0.12, "the digit loss is part of the total too: subtract it first."),
            (1.0, "with equal weights the total would be 0.42 + 0.12."),
        ],
        "revisit": "08",
    },
    "11-momentum": {
        "kind": "array",
        "answer": [_slope18, _zigzag18],
        "decimals": 3,
        "wrong": [
            (
                [0.1, 0.1],
                "that is plain SGD's step; momentum also carries beta times the last step.",
            ),
            (
                [1.0, 1.0],
                "in the zig-zag the remembered step points the other way: they cancel in part.",
            ),
            ([1.0, 0.0], "the cancelling is not complete: the newest gradient counts in full."),
            ([0.19, 0.01], "that is the second step; go on until v stops changing."),
            ([10.0, 0.526], "give the step length |v| itself, not its ratio to SGD's step."),
        ],
        "hint": "after many steps v settles: on the slope v = beta v - eps; in the zig-zag v flips sign.",
        "revisit": "09",
    },
    "11-adaptive": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "a",
        "wrong": [
            (
                "b",
                "that is plain SGD's ratio; these optimizers divide by a size of past gradients.",
            ),
            ("c", "the root of a mean of squared gradients has the size of the gradient itself."),
            ("d", "dividing by past gradient sizes rescales the steps; it never reverses them."),
        ],
        "revisit": "09",
    },
    "11-gd-updates": {
        "kind": "array",
        "answer": _epochs20,
        "decimals": 2,
        "wrong": [
            (
                [300.0, 300 / 4800, 8.0],
                "4800 / 128 = 37.5: with its smaller last batch an epoch has 38.",
            ),
            ([1.0, 4800.0, 38.0], "those are the updates in one epoch; 300 updates make how many?"),
            ([300.0, 300.0, 300.0], "an epoch is one pass over the data, not one update."),
            ([1 / 300, 16.0, 38 / 300], "epochs = updates / updates per epoch, not the inverse."),
            ([300.0, 300 / 4800, 300 / 37], "count the smaller last batch: 38 updates per epoch."),
        ],
        "hint": "epochs = 300 / (updates per epoch); count the updates in one epoch first.",
        "revisit": "10",
    },
    "11-batch-noise": {
        "kind": "number",
        "answer": float(np.sqrt(128)),
        "decimals": 2,
        "wrong": [
            (128.0, "that is the factor for the variance; the standard deviation is its root."),
            (
                float(1 / np.sqrt(128)),
                "the single example's gradient is the noisier: a factor above 1.",
            ),
            (
                1 / 128,
                "the single example's gradient is the noisier, and take the root of the variance.",
            ),
        ],
        "hint": "the standard deviation is the square root of the variance sigma^2 / B.",
        "revisit": "10",
    },
    "11-accelerator": {
        "kind": "choice",
        "options": LETTERS,
        "answer": "c",
        "wrong": [
            ("a", "reading and decoding files runs on the CPU, before the tensors reach a device."),
            ("b", "the Python loop runs on the CPU, one step after another, on any device."),
            ("d", "faster hardware runs the same steps sooner; it needs as many of them."),
        ],
        "revisit": "10",
    },
}
