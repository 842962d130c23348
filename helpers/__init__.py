"""Helpers for the neural-network notebook series.

One module per concern, imported by the notebooks:

- ``runtime``: the setup cell (quiet logging, seeds, versions, device) and ``model_scope``.
- ``datasets``: offline data (shipped MNIST subset, scikit-learn's bundled sets, synthetic 2-D sets).
- ``plotting``: the figures the notebooks share.
- ``checks``: feedback for the exercises.
- ``benchmark``: matrix-product GFLOP/s and training-step FLOP counts (01, 10).
- ``activations``: activation functions, their derivatives and a stable softmax (02-04).
- ``graphs``: drawing a computation graph with forward values and gradients (05).
- ``surfaces``: 2-D loss surfaces and optimizer trajectories on them (09).
- ``update_rules``: each optimizer's update rule in NumPy, checked against Keras (09).
- ``widgets``: sliders that redraw a figure, stored as a plain figure for readers (03-05, 09, 10).
- ``diagrams``: drawings of a neuron and of a dense MLP's layers and connections (02).
- ``model_diagram``: drawing a Keras model's graph of layers without Graphviz (08).
- ``teaching_figures``, ``slider_figures``: figure assembly kept out of the student's view (02-05).
- ``mlp_runs``: paired training runs (dropout from the same weights), a model's architecture (07).
- ``descent``: a timed, logged mini-batch training loop and gradient-noise toys (10).

Importing this package does not import TensorFlow: ``runtime.setup`` must run first so that
TensorFlow's start-up log lines are silenced.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("nn-course-helpers")
except _metadata.PackageNotFoundError:  # a bare checkout on sys.path, not installed
    __version__ = "0+unknown"
