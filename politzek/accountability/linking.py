"""Officials found by name through the matcher, not by exact string: an import that names a
judge ("Siarhei Khrypach", "Хрыпач С.", "Sergei Khrypach") links the official already in the
registry when exactly one of that country's officials fits, and records the new spelling as
an alias; otherwise it creates the official. Blocking by the names' word keys keeps each
lookup to the few officials who share a surname's sound.

An entry of a sanctions list (an OpenSanctions Person) is matched the same way, with all its
names and its birth date: one sure fit of the same country links it; uncertain fits (below
the threshold but above the review line, or several sure ones, or no country to compare) are
kept as OfficialMatch rows for a reviewer, the entry imported as its own record meanwhile.
A sanction pinned on the wrong judge would discredit every proposal that cites it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from politzek.names.blocking import name_keys
from politzek.names.compare import Match, compare
from politzek.registry import models as m
from politzek.registry.dedupe import REVIEW_THRESHOLD
from politzek.registry.history import recorded_change


class OfficialIndex:
    """The officials of one country, their names and blocking keys, kept in step as the
    import adds officials and names."""

    def __init__(self, country: str | None) -> None:
        """The officials of `country`, or of every country when None."""
        self.country = country or ""
        self.names: dict[int, list[str]] = defaultdict(list)
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.found: dict[str, m.Official | None] = {}
        rows = m.OfficialName.objects.all() if country is None else m.OfficialName.objects.filter(
            official__country=country)
        for official_id, name in rows.values_list("official_id", "name"):
            self._add(official_id, name)

    def _add(self, official_id: int, name: str) -> None:
        self.names[official_id].append(name)
        for key in name_keys(name)[0]:
            self.by_key[key].add(official_id)

    def fitting(self, name: str) -> list[int]:
        """The officials the matcher says this name is, best first."""
        return [official for match, official in self.scored([name]) if match.same]

    def scored(self, names: list[str], birth: str | None = None,
               births: dict[int, str | None] | None = None) -> list[tuple[Match, int]]:
        """Every official sharing a key with one of the names, with the matcher's verdict,
        best first."""
        ids = {official for name in names for key in name_keys(name)[0] for official in self.by_key.get(key, ())}
        scored = [(compare(names, self.names[official], birth, (births or {}).get(official)), official)
                  for official in ids]
        return sorted(scored, key=lambda s: (-s[0].score, s[1]))

    def official_for(self, name: str, role: str = m.Position.Role.JUDGE) -> m.Official:
        """The one official this name fits (its spelling kept as an alias), or a new one."""
        name = " ".join(name.split())
        if name in self.found and self.found[name] is not None:
            return self.found[name]  # type: ignore[return-value]
        fitting = self.fitting(name)
        if len(fitting) == 1:
            official = m.Official.objects.get(pk=fitting[0])
            if name not in self.names[official.pk]:
                official.names.create(name=name, kind=m.NameKind.ALIAS)
                self._add(official.pk, name)
        else:  # nobody, or several who fit equally: a new record, for the duplicates review
            official = m.Official.objects.create(country=self.country)
            official.names.create(name=name, is_primary=True, kind=m.NameKind.ORIGINAL)
            official.positions.create(role=role, title=role.replace("_", " ").capitalize())
            self._add(official.pk, name)
        self.found[name] = official
        return official


@dataclass
class OutsideLink:
    """What the matcher made of one outside entry: the official it is (sure), or the
    officials it may be (for review)."""

    official: m.Official | None = None
    match: Match | None = None  # the sure match's verdict
    uncertain: list[tuple[Match, int]] = field(default_factory=list)


def match_outside_entry(names: list[str], birth: str | None, country: str | None) -> OutsideLink:
    """Match a sanctions-list entry against the registry's officials (see the module's words)."""
    index = OfficialIndex(country)
    births = {pk: str(b) if b else None for pk, b in m.Official.objects.filter(pk__in=index.names).values_list(
        "id", "birth_date")}
    scored = [(match, official) for match, official in index.scored(names, birth, births)
              if match.score >= REVIEW_THRESHOLD]
    sure = [pair for pair in scored if pair[0].same]
    if country and len(sure) == 1 and len(scored) == 1:
        return OutsideLink(official=m.Official.objects.get(pk=sure[0][1]), match=sure[0][0])
    return OutsideLink(uncertain=scored)


def linked_official(source_key: str) -> m.Official | None:
    """The official an outside entry was linked to, by the matcher or a reviewer."""
    match = m.OfficialMatch.objects.filter(source_key=source_key, decision=m.OfficialMatch.Decision.SAME).first()
    return match.existing if match else None


class ReviewError(ValueError):
    pass


def decide_official_match(match_id: int, decision: str, actor: str, reason: str = "") -> m.OfficialMatch:
    """A reviewer's decision: "same" merges the imported record into the registry's official
    (names, positions, sanctions, case roles, proposals); "different" keeps both for good."""
    if decision not in (m.OfficialMatch.Decision.SAME, m.OfficialMatch.Decision.DIFFERENT):
        raise ReviewError(f"decision: {decision!r} is not one of same, different")
    with transaction.atomic(), recorded_change(actor, reason or f"outside entry judged {decision}"):
        match = m.OfficialMatch.objects.select_for_update().filter(pk=match_id).first()
        if match is None:
            raise ReviewError(f"no official match with id {match_id}")
        if match.decision:
            raise ReviewError(f"official match {match_id} was already decided: {match.decision}")
        if decision == m.OfficialMatch.Decision.SAME and match.imported_id:
            merge_officials(match.existing, match.imported)
            match.imported = None
            # the other candidates of this entry are settled by the decision
            m.OfficialMatch.objects.filter(source_key=match.source_key, decision="").exclude(pk=match.pk).update(
                decision=m.OfficialMatch.Decision.DIFFERENT, decided_by=actor, decided_at=timezone.now(),
                imported=None)
        match.decision, match.decided_by, match.decided_at = decision, actor, timezone.now()
        match.save()
    return match


def merge_officials(kept: m.Official, merged: m.Official) -> None:
    """Move everything of `merged` onto `kept` and delete it. Rows that would repeat one of the
    kept official's (a name, a role in the same case, a proposal to the same authority) are
    folded into it."""
    names = set(kept.names.values_list("name", flat=True))
    for name in merged.names.all():
        if name.name in names:
            name.delete()
        else:
            name.official, name.is_primary = kept, False
            name.kind = m.NameKind.ALIAS if name.kind == m.NameKind.ORIGINAL else name.kind
            name.save()
    m.Position.objects.filter(official=merged).update(official=kept)
    m.Sanction.objects.filter(official=merged).update(official=kept)
    roles = set(kept.case_roles.values_list("case_id", "role"))
    for role in merged.case_roles.all():
        if (role.case_id, role.role) in roles:
            role.delete()
        else:
            role.official = kept
            role.save()
    proposals = {(p.authority, p.measure): p for p in kept.proposals.all()}
    for proposal in merged.proposals.all():
        same = proposals.get((proposal.authority, proposal.measure))
        if same is None:
            proposal.official = kept
            proposal.save()
            continue
        keys = set(same.evidence.values_list("key", flat=True))
        proposal.evidence.exclude(key__in=keys).update(proposal=same)
        proposal.delete()
    kept.sources.add(*merged.sources.all())
    for attribute in ("birth_date", "country", "notes"):
        if not getattr(kept, attribute) and getattr(merged, attribute):
            setattr(kept, attribute, getattr(merged, attribute))
    if not kept.source_key:
        kept.source_key = merged.source_key
    kept.save()
    m.OfficialMatch.objects.filter(existing=merged).delete()
    merged.delete()
