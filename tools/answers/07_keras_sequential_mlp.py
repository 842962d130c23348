"""Answers to the exercises of 07_keras_sequential_mlp."""

import math

#: The loss part of helpers.mlp_runs.architecture for make_mlp's loss.
LOSS = "loss sparse_categorical_crossentropy from_logits=True"

# Exercise 2: EarlyStopping(patience=2) over this curve (an improvement must be strictly lower).
curve = [0.52, 0.38, 0.31, 0.29, 0.30, 0.28, 0.28, 0.29, 0.31, 0.33]
best, wait, stop = 0, 0, None
for epoch, value in enumerate(curve):
    if value < curve[best] or epoch == 0:
        best, wait = epoch, 0
    else:
        wait += 1
        if wait >= 2:
            stop = epoch
            break

QUESTIONS = {
    "07-linear-params": {
        "kind": "int",
        "answer": 784 * 10 + 10,
        "wrong": [
            (784 * 10, "you forgot the bias: one per output unit."),
            (28 * 10 + 10, "Flatten makes 28 * 28 = 784 inputs, not 28."),
        ],
    },
    "07-stop-epoch": {
        "kind": "int",
        "answer": stop + 1,
        "wrong": [
            (len(curve), "with patience 2 it stops long before the last epoch."),
            (9, "an equal loss (0.28 again) is not an improvement."),
        ],
        "hint": "count the epochs without a strictly lower loss after the best one.",
    },
    "07-restored-epoch": {
        "kind": "int",
        "answer": best + 1,
        "wrong": [(7, "the tie at epoch 7 does not replace the first 0.28.")],
    },
    "07-dropout-model": {
        "kind": "text",
        "answer": f"Flatten | Dense 256 relu | Dropout 0.5 | Dense 10 linear | {LOSS}",
        "wrong": [
            (
                f"Flatten | Dropout 0.5 | Dense 256 relu | Dense 10 linear | {LOSS}",
                "put the Dropout after the hidden layer: it drops hidden units, not pixels.",
            ),
            (
                f"Flatten | Dense 256 relu | Dense 10 linear | Dropout 0.5 | {LOSS}",
                "the Dropout goes between the hidden and the output layer, not after the logits.",
            ),
            (
                f"Flatten | Dense 256 relu | Dense 10 linear | {LOSS}",
                "add keras.layers.Dropout(0.5) after the hidden layer.",
            ),
            (
                f"Flatten | Dense 256 relu | Dropout 0.2 | Dense 10 linear | {LOSS}",
                "the exercise asks for Dropout(0.5): half of the hidden units dropped.",
            ),
            (
                "Flatten | Dense 256 relu | Dropout 0.5 | Dense 10 linear | loss "
                "sparse_categorical_crossentropy from_logits=False",
                "the output layer gives logits, so the loss needs from_logits=True.",
            ),
            (
                "Flatten | Dense 256 relu | Dropout 0.5 | Dense 10 softmax | loss "
                "sparse_categorical_crossentropy from_logits=False",
                "this model works too, but make_mlp's outputs logits (no activation) and its "
                "loss is given from_logits=True: build it that way.",
            ),
            (
                "Flatten | Dense 256 relu | Dropout 0.5 | Dense 10 linear | not compiled",
                "the layers are right; now compile the model as make_mlp does.",
            ),
            (
                f"Flatten | Dense 256 linear | Dropout 0.5 | Dense 10 linear | {LOSS}",
                'the hidden layer needs activation="relu".',
            ),
        ],
        "hint": "pass the model you built (dropout_mlp): Flatten, Dense(256, relu), Dropout(0.5), "
        "Dense(10), compiled with a loss that takes logits.",
    },
    "07-fit-steps": {
        "kind": "int",
        # EarlyStopping(patience=3) stops 3 epochs after the restored epoch 9; 3,000 images in
        # batches of 128 are 23 full batches and one of 56, 24 steps per epoch.
        "answer": (9 + 3) * math.ceil(3000 / 128),
        "wrong": [
            (9 * 24, "restoring the best epoch's weights does not undo the steps taken after it."),
            (12 * 23, "the last, smaller batch of each epoch (56 images) is a step too."),
            (
                9 * 23,
                "the run went on for patience epochs after epoch 9, and the last, smaller "
                "batch of each epoch is a step too.",
            ),
            (11 * 24, "patience=3 waits 3 epochs without improvement after epoch 9."),
            (
                13 * 24,
                "patience=3 waits 3 epochs without improvement after epoch 9: the last "
                "one is epoch 12.",
            ),
            (12 * 3000, "one step per batch of 128 images, not per image."),
            (12, "that is the number of epochs; each epoch has several batches."),
        ],
        "hint": "epochs run times batches per epoch.",
    },
}
