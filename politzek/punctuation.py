"""Punctuation that survives translation: a Russian, Belarusian or Ukrainian date ends with an
abbreviation ("8 декабря 2026 г.", "8 грудня 2026 р."), so a sentence that ends with one must
not add its own full stop ("… 2026 г.." is what readers saw)."""

from __future__ import annotations

import re

_DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)")


def one_full_stop(text: str) -> str:
    """The text with any full stop doubled by an abbreviation's written once (an ellipsis stays)."""
    return _DOUBLED.sub(".", text)
