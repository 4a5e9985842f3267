"""Pausing Python's cycle collector around work that makes many objects and frees none."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector paused; leave it as it was found.

    Reading or evaluating a large store allocates tens of thousands of objects
    and makes no reference cycle: the collections those allocations trigger
    would only scan the same live objects again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
