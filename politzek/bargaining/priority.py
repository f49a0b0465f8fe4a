"""How urgent it is to free a political prisoner: a score from the documented, configurable
factors of `data/priority-weights.toml` (health, age, sentence, time served, incommunicado,
torture reports…), each reason showing the points it added (framework-free)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from politzek.bargaining.rules import PriorityWeights
from politzek.bargaining.vetting import PersonRecord


@dataclass(frozen=True)
class Priority:
    score: float
    reasons: tuple[tuple[str, float], ...]  # (why, points), largest first

    def as_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 2),
                "reasons": [{"why": why, "points": round(points, 2)} for why, points in self.reasons]}


def _years(days: int) -> float:
    return days / 365.25


def priority(record: PersonRecord, weights: PriorityWeights, today: dt.date) -> Priority:
    reasons: list[tuple[str, float]] = []
    for factor in weights.factors.values():
        if factor.code == "health":
            tags = sorted(record.tags & factor.tags)
            if tags or record.has_health_notes:
                found = f"tag {tags[0]!r}" if tags else "health notes on record"
                reasons.append((f"{factor.text} ({found})", factor.weight))
        elif factor.from_age is not None or factor.under_age is not None:
            if record.birth_year is None:
                continue
            age = today.year - record.birth_year  # a birth year alone: the age this year may be one too high
            if (factor.from_age is not None and age >= factor.from_age) or (
                    factor.under_age is not None and age < factor.under_age):
                reasons.append((f"{factor.text} (born {record.birth_year})", factor.weight))
        elif factor.code == "sentence":
            if record.sentence_days:
                years = min(_years(record.sentence_days), factor.cap_years)
                reasons.append((f"{factor.text}: {_years(record.sentence_days):.1f} years", years * factor.per_year))
        elif factor.code == "time_served":
            if record.in_custody and record.custody_since:
                served = _years((today - record.custody_since).days)
                reasons.append((f"{factor.text}: {served:.1f} years since {record.custody_since}",
                                min(served, factor.cap_years) * factor.per_year))
        else:
            events = sorted(record.current_custody_events & factor.events)
            tags = sorted(record.tags & factor.tags)
            if events or tags:
                found = f"event {events[0]}" if events else f"tag {tags[0]!r}"
                reasons.append((f"{factor.text} ({found})", factor.weight))
    reasons = [(why, points) for why, points in reasons if points > 0]
    reasons.sort(key=lambda r: -r[1])
    return Priority(sum(points for _why, points in reasons), tuple(reasons))
