"""Answer specs, one file per notebook (``NN_name.py``, the notebook's name): read by
``tools/make_keys.py`` (``make keys``). Format: CONTRIBUTING.md, "Writing an exercise"."""
