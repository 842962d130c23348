"""The environment of the kernels that the tests start: set while a kernel starts, restored after.

`make test` runs three pytest workers on two cores, each starting kernels. ONE_THREAD gives each
kernel's TensorFlow one thread for its ops, so that the kernels do not compete for the cores with
thread pools of their own (measured here: notebooks 07, 09 and 10 side by side used 112 s of CPU
instead of 132 s, and finished 13 s sooner). Every assert holds with one thread: strict nbval runs
under it too (conftest.py's PORTABILITY_ENV)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

ONE_THREAD = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}


@contextmanager
def environment(variables: Mapping[str, str]) -> Iterator[None]:
    """Set ``variables`` in os.environ (a kernel started inside inherits them), then restore it."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
