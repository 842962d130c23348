"""Helpers for the neural-network notebook series.

One module per concern, imported by the notebooks:

- ``runtime``: the setup cell (quiet logging, seeds, versions, device) and distribution strategy.
- ``datasets``: offline data (shipped MNIST subset, scikit-learn's bundled sets, synthetic 2-D sets).
- ``plotting``: the figures the notebooks share.
- ``checks``: feedback for the exercises.
- ``colab``: the one place that names the repository for Colab badges and the setup cell.

Importing this package does not import TensorFlow: ``runtime.setup`` must run first so that
TensorFlow's start-up log lines are silenced.
"""

__version__ = "0.1.0"
