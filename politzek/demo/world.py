"""The demo world read from `data/*.toml`: name pools, groups, articles, deals."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Article:
    code_system: str
    article: str
    label: str
    min_years: int
    max_years: int
    weight: int
    violent: bool


@dataclass(frozen=True)
class Group:
    code: str
    country: str
    languages: tuple[str, ...]
    recognizer: str
    recognition_share: float
    since: dt.date
    intensity: dict[int, float]
    regions: tuple[str, ...]
    cities: tuple[str, ...]
    courts: tuple[str, ...]
    prosecution: str
    register: str
    register_keeper: str
    non_custodial_share: float
    house_arrest_share: float
    register_share: float
    tags: dict[str, float]
    articles: tuple[Article, ...]
    citizenship: str | None = None

    def weight(self, until: dt.date) -> float:
        """Total arrest intensity from `since` to `until`, in intensity-weeks."""
        return sum(self.intensity.get(day.year, 0) for day in weeks(self.since, until))


def weeks(start: dt.date, until: dt.date) -> list[dt.date]:
    days = (until - start).days
    return [start + dt.timedelta(days=7 * i) for i in range(max(days // 7, 0) + 1)]


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("politzek.demo").joinpath(f"data/{name}").read_text())


@cache
def name_pools() -> dict[str, Any]:
    return _read("names.toml")


@cache
def world() -> dict[str, Any]:
    return _read("world.toml")


def groups() -> list[Group]:
    result = []
    for code, spec in world()["groups"].items():
        spec = dict(spec)
        result.append(Group(
            code=code,
            country=spec.pop("country"),
            languages=tuple(spec.pop("languages")),
            since=dt.date.fromisoformat(spec.pop("since")),
            intensity={int(year): float(value) for year, value in spec.pop("intensity").items()},
            regions=tuple(spec.pop("regions")),
            cities=tuple(spec.pop("cities")),
            courts=tuple(spec.pop("courts")),
            articles=tuple(Article(*row) for row in spec.pop("articles")),
            **spec,
        ))
    return result
