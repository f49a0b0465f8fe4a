"""The automatic-cost policy and the sanctioning authorities, read from their versioned data
files (or a user's policy file) and checked at load, so a mistyped event kind or role fails
with the file and the key named, not as a silent proposal that never comes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from politzek.nesting import TooDeep, parsed_with_bounded_nesting
from politzek.registry.event_kinds import event_kinds

CASE_ROLES = frozenset({"judge_first_instance", "judge_appeal", "judge_cassation", "prosecutor", "investigator",
                        "other"})
POSITION_ROLES = frozenset({"judge", "prosecutor", "investigator", "prison_head", "other"})
MEASURE_TRIGGERS = ("new_case", "facility_event")
POLITICAL_WHEN = ("recognized", "any")
KIND_WORDS = {int: "a whole number", float: "a number", str: "text", list: "a list", dict: "a table"}


class PolicyError(ValueError):
    """A policy file that cannot be used: the message names the file and the key."""


@dataclass(frozen=True)
class Measure:
    code: str
    on: str  # new_case or facility_event
    measure: str  # e.g. personal_sanctions
    text: str
    roles: frozenset[str] = frozenset()  # case roles, for new_case
    events: frozenset[str] = frozenset()  # event kinds, for facility_event
    position_role: str = ""  # the position whose holder answers, for facility_event


@dataclass(frozen=True)
class IndexRule:
    per_new_case: float
    per_custodial_year: float
    per_facility_event: float
    release_credit_bought: float  # points off per release bought with concessions
    release_credit_unbought: float
    quiet_weeks: int  # no new case for this long and the index starts to fall
    quiet_decay_per_week: float  # the fraction it falls each quiet week after that


@dataclass(frozen=True)
class CostPolicy:
    version: str
    political_when: str
    recognizer_kind: str
    trigger_events: frozenset[str]
    authorities: tuple[str, ...]
    measures: tuple[Measure, ...]
    index: IndexRule

    def as_dict(self) -> dict[str, Any]:
        """The policy as it was applied, printed beside every result."""
        return {
            "version": self.version, "political_case": {"when": self.political_when,
                                                        "recognizer_kind": self.recognizer_kind},
            "trigger_events": sorted(self.trigger_events), "authorities": list(self.authorities),
            "measures": [{"code": m.code, "on": m.on, "measure": m.measure, "text": m.text,
                          "roles": sorted(m.roles), "events": sorted(m.events), "position_role": m.position_role}
                         for m in self.measures],
            "index": self.index.__dict__.copy(),
        }


def _need(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise PolicyError(f"{where}: {key} is missing")
    value = data[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise PolicyError(f"{where}: {key} = {value!r} is not {KIND_WORDS.get(kind, 'of the right kind')}")
    return value


def _known(values: list[Any], known: frozenset[str] | dict[str, Any], where: str) -> frozenset[str]:
    for value in values:
        if value not in known:
            raise PolicyError(f"{where}: {value!r} is not one of {', '.join(sorted(known))}")
    return frozenset(values)


def parse_policy(data: dict[str, Any], name: str) -> CostPolicy:
    kinds = event_kinds()
    case = _need(data, "political_case", dict, name)
    when = _need(case, "when", str, f"{name}: [political_case]")
    if when not in POLITICAL_WHEN:
        raise PolicyError(f"{name}: [political_case] when = {when!r} is not one of {', '.join(POLITICAL_WHEN)}")
    triggers = _need(data, "triggers", dict, name)
    proposals = _need(data, "proposals", dict, name)
    authorities = tuple(_need(proposals, "authorities", list, f"{name}: [proposals]"))
    _known(list(authorities), authority_table(), f"{name}: [proposals] authorities")
    measures = []
    for number, spec in enumerate(_need(data, "measures", list, name), start=1):
        where = f"{name}: measures entry {number}"
        on = _need(spec, "on", str, where)
        if on not in MEASURE_TRIGGERS:
            raise PolicyError(f"{where}: on = {on!r} is not one of {', '.join(MEASURE_TRIGGERS)}")
        measure = Measure(code=_need(spec, "code", str, where), on=on, measure=_need(spec, "measure", str, where),
                          text=_need(spec, "text", str, where))
        if on == "new_case":
            measure = Measure(**{**measure.__dict__, "roles": _known(_need(spec, "roles", list, where), CASE_ROLES,
                                                                      f"{where}: roles")})
        else:
            role = _need(spec, "position_role", str, where)
            _known([role], POSITION_ROLES, f"{where}: position_role")
            measure = Measure(**{**measure.__dict__, "position_role": role,
                                 "events": _known(_need(spec, "events", list, where), kinds, f"{where}: events")})
        measures.append(measure)
    index = _need(data, "index", dict, name)
    where = f"{name}: [index]"
    rule = IndexRule(**{key: _need(index, key, float, where) for key in (
        "per_new_case", "per_custodial_year", "per_facility_event", "release_credit_bought",
        "release_credit_unbought", "quiet_decay_per_week")}, quiet_weeks=_need(index, "quiet_weeks", int, where))
    for key, value in rule.__dict__.items():
        if value < 0:
            raise PolicyError(f"{where}: {key} = {value!r} is below 0")
    if rule.quiet_decay_per_week > 1:
        raise PolicyError(f"{where}: quiet_decay_per_week = {rule.quiet_decay_per_week!r} is above 1")
    return CostPolicy(
        version=f"{_need(data, 'code', str, name)} {_need(data, 'version', str, name)}", political_when=when,
        recognizer_kind=str(case.get("recognizer_kind", "human_rights")),
        trigger_events=_known(_need(triggers, "events", list, f"{name}: [triggers]"), kinds,
                              f"{name}: [triggers] events"),
        authorities=authorities, measures=tuple(measures), index=rule)


def _data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("politzek.accountability").joinpath(f"data/{name}").read_text())


@cache
def default_policy() -> CostPolicy:
    return parse_policy(_data("cost-policy.toml"), "cost-policy.toml")


def load_policy(path: Path | None) -> CostPolicy:
    """The bundled policy, or the user's file (checked the same way)."""
    if path is None:
        return default_policy()
    try:
        data = parsed_with_bounded_nesting(tomllib.loads, path.read_text(encoding="utf-8"))
    except TooDeep as error:
        raise PolicyError(f"{path}: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PolicyError(f"{path}: cannot be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"{path}: is not TOML: {error}") from None
    return parse_policy(data, str(path))


@cache
def authority_table() -> dict[str, dict[str, Any]]:
    return _data("authorities.toml")


@cache
def _authority_lookup() -> dict[str, str]:
    lookup = {}
    for code, spec in authority_table().items():
        for value in [code, *spec.get("names", ()), *spec.get("datasets", ())]:
            lookup[value.casefold()] = code
    return lookup


def authority_code(*values: str) -> str | None:
    """The authority's code for the first of these (dataset names, authority names, codes)
    that the table knows, else None."""
    lookup = _authority_lookup()
    for value in values:
        code = lookup.get(value.strip().casefold())
        if code:
            return code
    return None


def authority_of(stored: str) -> str:
    """A stored authority as its code when the table knows it (EU for "Council of the European
    Union"), else as stored, so listings compare whatever their source called the authority."""
    return authority_code(stored) or stored.strip().upper()
