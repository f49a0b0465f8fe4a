"""Characters no name may hold: control characters (NUL, escape, C1 controls) and the
bidirectional overrides that make a name display as another. Joiners are kept: Persian and
other scripts write names with ZWNJ (U+200C)."""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides and isolates: "Trojan Source" spoofing in names.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_in_name(text: str) -> str | None:
    """A description of the first character a name may not hold ("U+0000 (a control
    character)"), or None when there is none."""
    for character in text:
        if unicodedata.category(character) == "Cc":
            return f"U+{ord(character):04X} (a control character)"
        if character in _BIDI_CONTROLS:
            return f"U+{ord(character):04X} (a direction override)"
    return None
