"""An official's dossier: every case they took part in (role, date), its defendants, charges
and the sentences handed down, the total years of custodial sentences, their positions and the
sanctions already on them by authority.

Visibility: cases are listed when the viewer may see one of their defendants, and only the
defendants the viewer may see are named. The totals count every record, restricted ones
included, as every figure does (docs/privacy.md): a count names no one, and an official's
record of sentences is the point of the dossier."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from politzek.accountability.policy import authority_of
from politzek.flows.listing import primary_names
from politzek.registry import models as m
from politzek.registry.partial_date import PartialDate
from politzek.registry.visibility import Viewer, visible_cases, visible_people

JUDGE_ROLES = frozenset({"judge_first_instance", "judge_appeal", "judge_cassation"})


class NoSuchOfficial(LookupError):
    pass


@dataclass
class CaseEntry:
    case_id: int
    case_number: str
    jurisdiction: str
    court: str
    roles: list[str]
    date: str | None  # the role's date, else the first sentence's
    defendants: list[tuple[int, str]]  # visible only
    hidden_defendants: int
    charges: list[str]
    sentences: list[dict[str, Any]]  # visible defendants' sentences

    def as_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "case_number": self.case_number, "jurisdiction": self.jurisdiction,
                "court": self.court, "roles": self.roles, "date": self.date,
                "defendants": [{"person_id": pid, "name": name} for pid, name in self.defendants],
                "defendants_not_shown": self.hidden_defendants, "charges": self.charges,
                "sentences": self.sentences}


@dataclass
class Dossier:
    official: m.Official
    names: list[str]
    positions: list[dict[str, Any]]
    sanctions: list[dict[str, Any]]
    cases: list[CaseEntry]
    totals: dict[str, Any] = field(default_factory=dict)

    @property
    def sanctioned_by(self) -> list[str]:
        return sorted({authority_of(s["authority"]) for s in self.sanctions if not s["delisted_on"]})

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.official.pk, "names": self.names, "country": self.official.country,
                "synthetic": self.official.synthetic, "positions": self.positions, "sanctions": self.sanctions,
                "sanctioned_by": self.sanctioned_by, "totals": self.totals, "cases": [c.as_dict() for c in self.cases]}


def _years(days: int) -> float:
    return round(days / 365.25, 2)


def totals(roles: list[tuple[int, str]], sentences: list[tuple[int, int, str, int | None, bool]]) -> dict[str, Any]:
    """Counts over every record: (case, role) pairs and (case, person, kind, term_days,
    in_absentia) sentences of those cases. Years count the custodial sentences of the cases
    the official judged."""
    judged = {case for case, role in roles if role in JUDGE_ROLES}
    custodial = [(case, person, term) for case, person, kind, term, absentia in sentences
                 if m.Sentence.is_custodial(kind, absentia) and term]
    return {
        "cases": len({case for case, _role in roles}),
        "cases_by_role": dict(Counter(role for _case, role in roles)),
        "defendants_sentenced": len({(case, person) for case, person, *_rest in sentences}),
        "custodial_sentences_handed_down": sum(1 for case, _p, _t in custodial if case in judged),
        "custodial_years_handed_down": _years(sum(term for case, _p, term in custodial if case in judged)),
    }


def official_dossier(official_id: int, viewer: Viewer) -> Dossier:
    official = m.Official.objects.filter(pk=official_id).prefetch_related(
        "names", "positions__institution", "sanctions__source").first()
    if official is None:
        raise NoSuchOfficial(f"no official with id {official_id}")
    names = [n.name for n in sorted(official.names.all(), key=lambda n: (not n.is_primary, n.pk))]
    roles = list(official.case_roles.values_list("case_id", "role", "date"))
    case_ids = {case for case, _role, _date in roles}
    sentences = list(m.Sentence.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "person_id", "kind", "term_days", "in_absentia", "date"))
    result = Dossier(
        official=official, names=names,
        positions=[{"role": p.role, "title": p.title, "institution": str(p.institution) if p.institution else "",
                    "start": str(p.start) if p.start else None, "end": str(p.end) if p.end else None}
                   for p in official.positions.all()],
        sanctions=[{"authority": s.authority, "program": s.program, "reference": s.reference,
                    "listed_on": str(s.listed_on) if s.listed_on else None,
                    "delisted_on": str(s.delisted_on) if s.delisted_on else None,
                    "source_url": s.source.url if s.source else None} for s in official.sanctions.all()],
        cases=[],
        totals=totals([(c, r) for c, r, _d in roles], [row[:5] for row in sentences]),
    )
    shown = visible_cases(m.Case.objects.filter(pk__in=case_ids), viewer).select_related("court")
    defendants: dict[int, list[int]] = defaultdict(list)
    for case_id, person_id in m.Case.defendants.through.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "person_id"):
        defendants[case_id].append(person_id)
    visible = set(visible_people(m.Person.objects.filter(
        pk__in={p for people in defendants.values() for p in people}), viewer).values_list("id", flat=True))
    people = primary_names(m.Person.objects.filter(pk__in=visible))
    charges: dict[int, list[str]] = defaultdict(list)
    for case_id, person_id, system, article, part in m.Charge.objects.filter(case_id__in=case_ids).order_by(
            "id").values_list("case_id", "person_id", "code_system", "article", "part"):
        if person_id is None or person_id in visible:
            text = f"{system} {article}" + (f" part {part}" if part else "")
            if text not in charges[case_id]:
                charges[case_id].append(text)
    roles_of: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for case_id, role, date in roles:
        roles_of[case_id].append((role, date))
    for case in shown:
        case_sentences = [
            {"person_id": person, "kind": kind, "term_days": term, "years": _years(term) if term else None,
             "in_absentia": absentia, "date": str(date) if date else None}
            for case_id, person, kind, term, absentia, date in sentences if case_id == case.pk and person in visible]
        dates = [d for _r, d in roles_of[case.pk] if d] + [PartialDate.coerce(s["date"]) for s in case_sentences
                                                           if s["date"]]
        first = min(dates, key=lambda d: PartialDate.coerce(d).earliest) if dates else None
        result.cases.append(CaseEntry(
            case_id=case.pk, case_number=case.case_number, jurisdiction=case.jurisdiction,
            court=str(case.court) if case.court else "", roles=[r for r, _d in roles_of[case.pk]],
            date=str(first) if first else None,
            defendants=[(p, people.get(p, f"person {p}")) for p in sorted(defendants[case.pk]) if p in visible],
            hidden_defendants=sum(1 for p in defendants[case.pk] if p not in visible),
            charges=charges[case.pk], sentences=case_sentences))
    result.cases.sort(key=lambda c: (c.date is None, PartialDate.coerce(c.date).earliest if c.date else None,
                                     c.case_id))
    return result
