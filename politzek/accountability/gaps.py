"""Sanctions gaps: officials with at least N political cases whom a sanctioning authority has
not listed, ranked by the evidence (cases, then custodial years handed down). Officials are
public actors; the counts cover every record (a count names no defendant)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from politzek.accountability.dossier import JUDGE_ROLES
from politzek.accountability.policy import authority_of
from politzek.registry import models as m


@dataclass(frozen=True)
class OfficialTally:
    """One official with the evidence against them and the authorities that list them."""

    official_id: int
    name: str
    country: str
    cases: int
    custodial_years: float
    listed_by: tuple[str, ...]  # the authorities that have listed the official

    def as_dict(self) -> dict[str, Any]:
        return {"official": self.official_id, "name": self.name, "country": self.country, "cases": self.cases,
                "custodial_years_handed_down": self.custodial_years, "listed_by": list(self.listed_by)}


def official_summaries(min_cases: int = 0, country: str | None = None) -> list[OfficialTally]:
    """Every official with at least `min_cases` cases, with the evidence and who lists them,
    most cases first."""
    officials = m.Official.objects.annotate(cases=Count("case_roles__case", distinct=True)).filter(
        cases__gte=min_cases)
    if country:
        officials = officials.filter(country=country.upper())
    listed: dict[int, set[str]] = defaultdict(set)
    for official_id, who in m.Sanction.objects.filter(delisted_on__isnull=True).values_list(
            "official_id", "authority"):
        listed[official_id].add(authority_of(who))
    candidates = {o.pk: o for o in officials.prefetch_related("names")}
    judged: dict[int, set[int]] = defaultdict(set)
    for official_id, case_id in m.CaseRole.objects.filter(official_id__in=candidates, role__in=JUDGE_ROLES) \
            .values_list("official_id", "case_id"):
        judged[official_id].add(case_id)
    days: dict[int, int] = defaultdict(int)
    case_days: dict[int, int] = defaultdict(int)
    for case_id, kind, term, absentia in m.Sentence.objects.filter(
            case_id__in={c for cases in judged.values() for c in cases}).values_list(
            "case_id", "kind", "term_days", "in_absentia"):
        if term and m.Sentence.is_custodial(kind, absentia):
            case_days[case_id] += term
    for official_id, cases in judged.items():
        days[official_id] = sum(case_days[c] for c in cases)
    gaps = []
    for official_id, official in candidates.items():
        names = sorted(official.names.all(), key=lambda n: (not n.is_primary, n.pk))
        name = names[0].name if names else f"official {official_id}"
        gaps.append(OfficialTally(official_id, name, official.country, official.cases,
                                  round(days[official_id] / 365.25, 2), tuple(sorted(listed.get(official_id, ())))))
    gaps.sort(key=lambda g: (-g.cases, -g.custodial_years, g.official_id))
    return gaps


def sanctions_gaps(authority: str, min_cases: int = 1, country: str | None = None) -> list[OfficialTally]:
    """The officials with at least `min_cases` cases whom `authority` does not list."""
    wanted = authority_of(authority)
    return [gap for gap in official_summaries(min_cases, country) if wanted not in gap.listed_by]
