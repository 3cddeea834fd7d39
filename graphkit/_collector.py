"""The cyclic garbage collector: less often in a build, not at all in an add or a remove.

CPython collects its youngest generation every 700 new container objects, and every tenth
collection the next: a build makes tens of millions (spaCy's tokens' attributes, the records of
each sentence, the resolver's tables), almost none of them garbage and few in cycles, and each
collection walks what the generations hold. On 1,000 ABC articles that was 2,900 collections and
about 4 CPU s, and the parse ran slower beside them (its caches swept): 7% of the build.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 50, 100)
"""New objects before a collection of the youngest generation, and collections of each
generation before one of the next (CPython's defaults: 700, 10, 10)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cycles at `THRESHOLDS` inside the block; the caller's thresholds after it."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def no_collections() -> Iterator[None]:
    """No cyclic collection inside the block: for work that ends in seconds, as an add does.

    Even at `THRESHOLDS`, the youngest generation's collections took 0.35 s of an add to ABC's
    graph in each of its two processes (its forked children inherit the setting), walking
    rows and columns that are none of them garbage. An add makes few cycles and lasts seconds:
    its peak grew by 6 MB (783 MB against 777 MB).
    """
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen:  # what the block made joins the oldest generation, unwalked: the first
            gc.freeze()  # young collection after it walked it all (an add to ABC: 0.15 s)
            gc.unfreeze()
        if enabled:
            gc.enable()
