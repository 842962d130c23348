"""Per-notebook facts a reader needs before starting: study time and what each notebook assumes.

The one place for them (run times are measured instead: ``tools/run_times.json``).
``tools/format_notebooks.py`` writes them into each notebook's header, under the title, next to
the run time, with the three lines on how the exercises work (``first_screen``); the site's index
reads them back from the header.

Study time (reading, running the cells and doing the exercises, for a first-time student):
measured for 02, 04 and 06 (a first-time student worked all their exercises: about 50, 70 and 65
minutes; issue 21). The others are estimated with the model that reproduces those three within
4 minutes: markdown words / 100 + visible code lines / 20 + 3 per checked answer, in minutes, over
the student notebook, rounded to 5 (re-estimated after the third edition; 11 stays below the
model, which counts its 24 quick answers at 3 min each). Re-measure when a notebook changes much.

Prerequisites follow docs/SYLLABUS.md: what a notebook uses that an earlier one teaches.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class NotebookInfo:
    """What a notebook's first screen says besides its title, goals and run time."""

    study_minutes: int
    #: True when ``study_minutes`` was measured with a student, False when estimated.
    measured: bool
    #: (what the notebook assumes, where it is taught: a notebook number such as "01", or text).
    assumes: tuple[tuple[str, str], ...]


NOTEBOOKS: dict[str, NotebookInfo] = {
    "01": NotebookInfo(
        60,
        False,
        (
            ("Python: variables, loops, functions, lists", "any Python introduction"),
            ("vectors and matrices", "school mathematics"),
        ),
    ),
    "02": NotebookInfo(
        50,
        True,
        (("tensors, shapes, matrix products and broadcasting", "01"),),
    ),
    "03": NotebookInfo(
        85,
        False,
        (
            ("the neuron ŷ = φ(xw + b) and Keras `Dense` layers", "02"),
            ("shapes and matrix products", "01"),
            ("derivatives and the chain rule", "school calculus; 05 works through them"),
        ),
    ),
    "04": NotebookInfo(
        70,
        True,
        (
            ("sigmoid and softmax outputs as probabilities", "03"),
            ("the forward pass and `Dense` layers", "02"),
            ("a derivative as a slope", "school calculus; 05 works through gradient descent"),
        ),
    ),
    "05": NotebookInfo(
        75,
        False,
        (
            ("derivatives of simple functions", "school calculus"),
            ("the forward pass of an MLP", "02"),
            ("the sigmoid", "03"),
            ("binary cross-entropy", "04"),
        ),
    ),
    "06": NotebookInfo(
        65,
        True,
        (
            ("computation graphs, the chain rule and gradient descent", "05"),
            ("logistic regression with cross-entropy", "04 and 05"),
            ("`Dense` layers", "02"),
        ),
    ),
    "07": NotebookInfo(
        70,
        False,
        (
            ("a training loop with `GradientTape`", "06"),
            ("softmax outputs and logits", "03"),
            ("cross-entropy losses and `from_logits`", "04"),
            ("the MLP and its parameters", "02"),
        ),
    ),
    "08": NotebookInfo(
        75,
        False,
        (
            ("`keras.Sequential`, `compile`, `fit` and `summary`", "07"),
            ("single-label (softmax) vs multi-label (sigmoid) outputs", "03"),
            ("cross-entropy losses", "04"),
            ("counting parameters", "02"),
        ),
    ),
    "09": NotebookInfo(
        100,
        False,
        (
            ("gradient descent and the learning rate ε", "05"),
            ("gradients with `GradientTape`", "06"),
            ("`compile` and `fit`", "07"),
        ),
    ),
    "10": NotebookInfo(
        80,
        False,
        (
            ("a training loop with `GradientTape`", "06"),
            ("`compile`, `fit` and a validation split", "07"),
            ("SGD and its learning rate", "09"),
            ("timing matrix products", "01"),
        ),
    ),
    "11": NotebookInfo(
        100,  # 24 answers at 3 min each: the least certain estimate (many are quick choices)
        False,
        (("the whole series", "01–10"),),
    ),
}

#: The three lines on how the exercises work (issue 21: replace `...`, run the check, solutions).
EXERCISES = (
    "**How the exercises work:**\n"
    "1. In each answer cell, replace the `...` with your code.\n"
    "2. Run the check cell below it: it says `correct`, or `not yet` with a hint.\n"
    '3. Stuck? The worked solutions are at the end, in "Solutions", one click each.'
)


def _where(source: str) -> str:
    if source.isdigit():
        return f"notebook {source}"
    if source[:2].isdigit():
        return f"notebooks {source}"
    return source


def info(name: str) -> NotebookInfo:
    """The facts of notebook ``name`` ("04_loss_functions.ipynb" or "04")."""
    number = name[:2]
    if number not in NOTEBOOKS:
        raise KeyError(
            f"{name}: no entry in tools/notebook_info.py (study time, prerequisites); add one."
        )
    return NOTEBOOKS[number]


def study_time_text(minutes: int) -> str:
    """The header's study-time phrase."""
    return f"about {minutes} min (reading, running the cells, the exercises)"


def assumes_text(notebook: NotebookInfo) -> str:
    """The header's prerequisites, each with where it is taught."""
    return "; ".join(f"{what} ({_where(source)})" for what, source in notebook.assumes) + "."


def first_screen(name: str, run_time: str) -> str:
    """The header's last paragraphs: study and run time, prerequisites, how the exercises work.

    ``run_time`` is the run-time phrase ("about 10 s"). tools/format_notebooks.py writes this.
    """
    notebook = info(name)
    times = (  # one paragraph, a line each
        f"**Study time:** {study_time_text(notebook.study_minutes)}.\n"
        f"**Run time:** {run_time} on a 2-core laptop CPU."
    )
    assumes = f"**Assumes:** {assumes_text(notebook)}"
    return "\n\n".join([times, _wrap(assumes), EXERCISES])


def _wrap(paragraph: str) -> str:
    """Lines of at most 100 characters, as the rest of the markdown."""
    return textwrap.fill(paragraph, width=100, break_long_words=False, break_on_hyphens=False)
