"""The event kinds of the timeline, read once from `data/event_kinds.toml`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

CustodyEffect = Literal["enter", "house_arrest", "sentence", "leave", "within", "none"]
_EFFECTS = {"enter", "house_arrest", "sentence", "leave", "within", "none"}


@dataclass(frozen=True, slots=True)
class EventKind:
    code: str
    label: str
    custody: CustodyEffect
    order: int
    release_mode: str | None = None
    requires_custody: bool = False
    death: bool = False
    posthumous: bool = False


@cache
def event_kinds() -> dict[str, EventKind]:
    """All kinds by code, in timeline order."""
    text = resources.files("politzek.registry").joinpath("data/event_kinds.toml").read_text()
    kinds = {}
    for code, spec in tomllib.loads(text).items():
        if spec["custody"] not in _EFFECTS:
            raise ValueError(f"event_kinds.toml: {code}: unknown custody effect {spec['custody']!r}")
        kinds[code] = EventKind(code=code, **spec)
    return dict(sorted(kinds.items(), key=lambda item: item[1].order))


def event_kind(code: str) -> EventKind:
    """The kind with this code; KeyError names the known ones."""
    try:
        return event_kinds()[code]
    except KeyError:
        known = ", ".join(event_kinds())
        raise KeyError(f"unknown event kind {code!r}; known kinds: {known}") from None


def event_kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in event_kinds().values()]
