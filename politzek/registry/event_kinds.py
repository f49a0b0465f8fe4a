"""The event kinds of the timeline, read once from `data/event_kinds.toml` and, when the
setting POLITZEK_EVENT_KINDS names a file in the same format, from a registry's own kinds
(a kind of that file may not redefine a bundled one)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
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


class EventKindsError(ValueError):
    """A kinds file that cannot be read; the message names the file, the kind and the key."""


_KEYS = {"label", "custody", "order", "release_mode", "requires_custody", "death", "posthumous"}


def _read_kinds(text: str, origin: str) -> dict[str, EventKind]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise EventKindsError(f"{origin}: not valid TOML: {error}") from None
    kinds = {}
    for code, spec in data.items():
        if not isinstance(spec, dict):
            raise EventKindsError(f"{origin}: {code}: a kind is a table ([{code}] with label, custody, order)")
        unknown = sorted(set(spec) - _KEYS)
        if unknown:
            raise EventKindsError(f"{origin}: {code}.{unknown[0]}: unknown key; "
                                  f"the keys are {', '.join(sorted(_KEYS))}")
        for required in ("label", "custody", "order"):
            if required not in spec:
                raise EventKindsError(f"{origin}: {code}: {required!r} is required")
        if spec["custody"] not in _EFFECTS:
            raise EventKindsError(f"{origin}: {code}: unknown custody effect {spec['custody']!r}; "
                                  f"one of {', '.join(sorted(_EFFECTS))}")
        if len(code) > 32 or not code.replace("_", "").isalnum() or code.lower() != code:
            raise EventKindsError(f"{origin}: {code!r}: a kind code is lowercase letters, digits and _ (≤ 32)")
        kinds[code] = EventKind(code=code, **spec)
    return kinds


@cache
def event_kinds() -> dict[str, EventKind]:
    """All kinds by code, in timeline order: the bundled ones and the registry's own."""
    text = resources.files("politzek.registry").joinpath("data/event_kinds.toml").read_text()
    kinds = _read_kinds(text, "event_kinds.toml")
    extra = os.environ.get("POLITZEK_EVENT_KINDS")
    if extra:
        try:
            own = _read_kinds(Path(extra).read_text(encoding="utf-8"), extra)
        except OSError as error:
            raise EventKindsError(f"POLITZEK_EVENT_KINDS: {extra}: cannot be read: {error.strerror}") from None
        clash = sorted(set(own) & set(kinds))
        if clash:
            raise EventKindsError(f"{extra}: {clash[0]}: a bundled kind; give a registry's own kind another code")
        kinds.update(own)
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
