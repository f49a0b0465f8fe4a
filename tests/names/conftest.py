"""The names tests share one warm transliterator."""

from __future__ import annotations

import pytest
from rigour.text import ascii_text


@pytest.fixture(scope="session", autouse=True)
def _icu_loaded() -> None:
    """The first non-Latin, non-Cyrillic character a process meets loads ICU's transliterator
    (about 0.14 s when the machine is idle, much more when busy). Loading it before the first
    test keeps that one-off cost out of whichever test happens to come first."""
    assert ascii_text("漢字 Ελληνικά") != ""
