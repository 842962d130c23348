"""Answers to the exercises of 07_keras_sequential_mlp."""

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
    "07-dropout-layers": {
        "kind": "text",
        "answer": "Flatten Dense Dropout Dense",
        "wrong": [
            (
                "Flatten Dropout Dense Dense",
                "put the Dropout after the hidden layer, not before it.",
            ),
            (
                "Flatten Dense Dense Dropout",
                "the Dropout goes between the hidden and output layer.",
            ),
            ("Flatten Dense Dense", "add keras.layers.Dropout(0.5) after the hidden layer."),
        ],
    },
    "07-plain-steps": {
        "kind": "int",
        "answer": 11 * (3200 // 128),  # the plain run stopped after 11 epochs of 25 batches
        "wrong": [
            (8 * 25, "restoring the best epoch's weights does not undo the steps taken after it."),
            (20 * 25, "EarlyStopping stopped the run before the 20-epoch limit."),
            (11 * 3200, "one step per batch of 128 images, not per image."),
            (11, "that is the number of epochs; each epoch has several batches."),
        ],
        "hint": "epochs run times batches per epoch.",
    },
}
