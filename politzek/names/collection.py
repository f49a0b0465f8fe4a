"""Fewer garbage collections while a batch of names is compared.

Reading and comparing names fills the matcher's memo tables (functools caches) with hundreds of
thousands of small objects. Python's collector walks every young object each 700 allocations and
the whole heap ever more often as those tables grow: measured on bench/names/pairs.csv, 7,000
comparisons/s with the default thresholds against 16,000-18,000 with a young generation of
10,000 (or none at all). Collecting less often only frees cyclic garbage a little later; the
old thresholds come back when the batch ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_GENERATION = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often inside the block (see the module's notes)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_GENERATION), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
