"""Recognition criteria, kept as versioned data files in `data/criteria/`, never as code."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any


@cache
def criteria_sets() -> dict[str, dict[str, Any]]:
    """Each criteria file by its code."""
    folder = resources.files("politzek.registry").joinpath("data/criteria")
    sets = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text())
            sets[data["code"]] = data
    return sets


@cache
def ground_codes() -> frozenset[str]:
    """Every citable ground and exclusion, as `set:key` (e.g. `pace-1900:a`)."""
    codes = set()
    for code, data in criteria_sets().items():
        for section in ("grounds", "exclusions"):
            codes.update(f"{code}:{key}" for key in data.get(section, {}))
    return frozenset(codes)


def unknown_grounds(grounds: Iterable[str]) -> list[str]:
    known = ground_codes()
    return [ground for ground in grounds if ground not in known]
