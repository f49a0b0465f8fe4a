"""The verdict on one exchange-list entry, from plain facts of its registry record and the
rules data (framework-free: `vet_record` takes values, so it is tested without a database).

Verdicts, in the order a summary lists them:
- recognized: a recognition by a human-rights organization is in force;
- meets_criteria: not recognized, but the record holds facts that meet a PACE Resolution 1900
  ground (a charge under an article the rules map to a ground) and no exclusion;
- does_not_meet: not recognized, and the record shows violence against persons (the 2013
  guidelines' exclusion) or a combatant / prisoner of war (another legal category);
- not_documented: not in the registry, or in it with no fact that meets a ground;
- sent_to_regime: the list sends the person *to* the detaining state (the other side of an
  exchange): never counted with political prisoners, whatever the registry says of them.
Every reason cites the criterion and the fact of the record behind it. Flags are what a
negotiator must know whatever the verdict; a "spy" or "terrorist" charge is a flag, never a
reason to exclude.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from politzek.bargaining.rules import VettingRules, criterion_name, criterion_text

RECOGNIZED = "recognized"
MEETS_CRITERIA = "meets_criteria"
DOES_NOT_MEET = "does_not_meet"
NOT_DOCUMENTED = "not_documented"
AMBIGUOUS = "ambiguous"
SENT_TO_REGIME = "sent_to_regime"
VERDICTS = (RECOGNIZED, MEETS_CRITERIA, DOES_NOT_MEET, NOT_DOCUMENTED, AMBIGUOUS, SENT_TO_REGIME)
VERDICT_LABELS = {
    RECOGNIZED: "recognized political prisoner",
    MEETS_CRITERIA: "meets the criteria on the record, not recognized",
    DOES_NOT_MEET: "does not meet the criteria",
    NOT_DOCUMENTED: "not documented",
    AMBIGUOUS: "ambiguous: several people in the registry fit",
    SENT_TO_REGIME: "sent to the regime (the other side of the exchange)",
}

VIOLENCE, COMBATANT, STATE_LABEL, DUPLICATE, NOT_IN_CUSTODY, FOREIGN_CITIZEN, SIDE_CONFLICT = (
    "violence", "combatant", "state_label", "duplicate", "not_in_custody", "foreign_citizen", "side_conflict")
FLAGS = (VIOLENCE, COMBATANT, STATE_LABEL, DUPLICATE, NOT_IN_CUSTODY, FOREIGN_CITIZEN, SIDE_CONFLICT)
FLAG_LABELS = {
    VIOLENCE: "violence against persons (charged, convicted or said in the list)",
    COMBATANT: "combatant or prisoner of war",
    STATE_LABEL: "held as a spy, traitor, terrorist or extremist",
    DUPLICATE: "listed more than once",
    NOT_IN_CUSTODY: "not in custody according to the record",
    FOREIGN_CITIZEN: "citizen of another country",
    SIDE_CONFLICT: "check the list: this reads as sending a political prisoner back",
}


# What a reason cites when it is not a criterion: the registry's record itself.
CITES = {"record": "The registry", "recognition": "Recognition", "list": "The list"}
# The note every state-label flag carries: a charge of spying or extremism is the detaining
# state's word about a person, whatever the verdict.
STATE_LABEL_NOTE = "the charge is the detaining state's word and proves nothing by itself (hr-guidelines-2013 note)"


@dataclass(frozen=True, slots=True)
class ChargeFact:
    code_system: str
    article: str
    part: str = ""
    label: str = ""
    case: str = ""  # the case number, or "case <id>"
    convicted: bool = False  # a sentence was handed down in that case
    source: str = ""  # the address of the case's first source, when it has one

    def describe(self) -> str:
        part = f" part {self.part}" if self.part else ""
        label = f" ({self.label})" if self.label else ""
        verb = "convicted" if self.convicted else "charged"
        return f"{verb} under {self.code_system} {self.article}{part}{label}" + (f", {self.case}" if self.case else "")


@dataclass(frozen=True, slots=True)
class RecognitionFact:
    organization: str  # code
    organization_name: str
    date: str  # as recorded; "" when undated
    grounds: tuple[str, ...] = ()
    withdrawn_on: str | None = None
    human_rights: bool = True  # the organization is a human-rights group (recognizer_kind)
    source: str = ""  # the statement, or the event's first source


@dataclass(frozen=True)
class PersonRecord:
    """What vetting reads of one registry person (as the viewer may see it)."""

    person_id: int
    name: str
    country: str = ""
    other_script_name: str = ""  # the name in Latin beside a local script, or the other way round
    citizenships: tuple[str, ...] = ()
    birth_year: int | None = None
    tags: frozenset[str] = frozenset()
    charges: tuple[ChargeFact, ...] = ()
    recognitions: tuple[RecognitionFact, ...] = ()
    in_custody: bool = False
    custody_since: dt.date | None = None
    status: str = "unknown"
    status_since: dt.date | None = None
    release_mode: str | None = None
    sentence_days: int | None = None  # the longest custodial sentence of the current custody
    current_custody_events: frozenset[str] = frozenset()  # event kinds since the custody began
    has_health_notes: bool = False  # only ever True for a viewer who may read private fields
    synthetic: bool = False


@dataclass(frozen=True)
class Reason:
    criterion: str  # a criterion code (pace-1900:a, hr-guidelines-2013:violence) or a rules entry
    fact: str
    source: str = ""  # where the fact is published: a statement, a case's source

    def as_dict(self) -> dict[str, str]:
        name = criterion_name(self.criterion) if ":" in self.criterion else CITES.get(self.criterion, self.criterion)
        try:
            text = criterion_text(self.criterion)
        except (KeyError, ValueError):
            text = ""
        return {"criterion": self.criterion, "cites": name, "criterion_text": text, "fact": self.fact,
                "source": self.source}


@dataclass(frozen=True)
class Flag:
    code: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"flag": self.code, "label": FLAG_LABELS[self.code], "detail": self.detail}


@dataclass
class Vetting:
    verdict: str
    reasons: list[Reason] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    recognized_by: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "verdict_label": VERDICT_LABELS[self.verdict],
                "recognized_by": self.recognized_by, "reasons": [r.as_dict() for r in self.reasons],
                "flags": [f.as_dict() for f in self.flags]}


def _in_force(recognition: RecognitionFact, organizations: frozenset[str] | None) -> bool:
    if recognition.withdrawn_on:
        return False
    if organizations is not None:
        return recognition.organization in organizations
    return recognition.human_rights


def note_flags(notes: str, rules: VettingRules) -> list[Flag]:
    """The flags the list's own notes raise (the other side's words, not the registry's)."""
    return [Flag(code, f"the list's notes say {words!r}" + (f"; {STATE_LABEL_NOTE}" if code == STATE_LABEL else ""))
            for code, words in rules.note_flags(notes)]


def vet_record(record: PersonRecord, rules: VettingRules, organizations: frozenset[str] | None = None,
               country: str | None = None) -> Vetting:
    """The verdict on a registry person, its reasons and its flags."""
    violent = [c for c in record.charges if rules.is_violent(c.code_system, c.article)]
    labelled = [(rules.state_label(c.code_system, c.article), c) for c in record.charges]
    labelled = [(label, c) for label, c in labelled if label]
    grounded = [(rule, c) for c in record.charges for rule in rules.grounds_for(c.code_system, c.article)]
    combatant_tags = sorted(record.tags & rules.combatant_tags)
    in_force = [r for r in record.recognitions if _in_force(r, organizations)]

    flags: list[Flag] = []
    for charge in violent:
        flags.append(Flag(VIOLENCE, charge.describe()))
    for tag in combatant_tags:
        flags.append(Flag(COMBATANT, f"the record is tagged {tag!r}"))
    if not record.in_custody:
        since = f" since {record.status_since}" if record.status_since else ""
        mode = f" ({record.release_mode.replace('_', ' ')})" if record.release_mode else ""
        flags.append(Flag(NOT_IN_CUSTODY, f"status: {record.status.replace('_', ' ')}{mode}{since}"))
    held_in = country or record.country
    if record.citizenships and held_in and held_in not in record.citizenships:
        flags.append(Flag(FOREIGN_CITIZEN, f"citizenship {', '.join(record.citizenships)}; held by {held_in}"))

    if in_force:
        vetting = Vetting(RECOGNIZED, recognized_by=[r.organization_name for r in in_force])
        for recognition in in_force:
            when = f" on {recognition.date}" if recognition.date else ""
            fact = f"recognized by {recognition.organization_name}{when}"
            if not recognition.grounds:
                vetting.reasons.append(Reason("recognition", fact + " (the grounds are not recorded)",
                                              recognition.source))
            for ground in recognition.grounds:
                vetting.reasons.append(Reason(ground, fact, recognition.source))
    elif combatant_tags:
        vetting = Vetting(DOES_NOT_MEET, [Reason("politzek-vetting:combatants",
                                                 f"{rules.combatant_reason} (tag {combatant_tags[0]!r})")])
    elif violent:
        vetting = Vetting(DOES_NOT_MEET, [
            Reason("hr-guidelines-2013:violence", charge.describe() + "; the charge is the detaining state's word, "
                   "so a documenter should check the case before the list is answered", charge.source)
            for charge in violent])
    elif grounded:
        vetting = Vetting(MEETS_CRITERIA, [Reason(rule.ground, f"{charge.describe()}: {rule.reason}", charge.source)
                                           for rule, charge in grounded])
    else:
        why = "no recognition in force and no charge under an article the vetting rules map to a ground"
        withdrawn = [r for r in record.recognitions if r.withdrawn_on]
        if withdrawn:
            why += f"; recognition by {withdrawn[0].organization_name} withdrawn on {withdrawn[0].withdrawn_on}"
        vetting = Vetting(NOT_DOCUMENTED, [Reason("record", f"in the registry, but the record shows {why}")])
    for label, charge in labelled:
        flags.append(Flag(STATE_LABEL, f"held as {_article(label)} {label}: {charge.describe()}; {STATE_LABEL_NOTE}"))
    vetting.flags = flags
    return vetting


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def sent_to_regime(why: str, notes: str, rules: VettingRules, registry: Vetting | None) -> Vetting:
    """The verdict on an entry the list sends to the detaining state: what the list says of the
    person (its side, its notes) and, when the registry knows them, what the record shows, with
    the record's flags (a violent conviction stays visible) beside the notes' own."""
    reasons = [Reason("list", f"the list sends this person to the regime ({why})")]
    if notes.strip():
        reasons.append(Reason("list", f"the list's notes: {notes.strip()!r}"))
    if registry is None:
        reasons.append(Reason("record", "not in the registry: no record documents this person"))
        flags = []
    else:
        reasons.append(Reason("record", f"the registry's record reads: {VERDICT_LABELS[registry.verdict]}"))
        reasons += registry.reasons
        flags = list(registry.flags)
    return Vetting(SENT_TO_REGIME, reasons, flags + note_flags(notes, rules))


def not_in_registry(notes: str, rules: VettingRules) -> Vetting:
    return Vetting(NOT_DOCUMENTED, [Reason("record", "not in the registry: no record documents this person")],
                   note_flags(notes, rules))
