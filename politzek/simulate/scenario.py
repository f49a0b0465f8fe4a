"""A simulator scenario as data (YAML): the country's parameters, each with its value, where it
comes from ("assumption" when nobody measured it) and, for the uncertain ones, a range the
runs draw from; and the outside policies to compare. Checked at load so a typo is refused
naming the file, the key and the value, never as a silent default."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from politzek.nesting import TooDeep, parsed_with_bounded_nesting

POLICY_KINDS = ("none", "deals", "automatic_cost", "mixed")
MAX_WEEKS = 52 * 30


class ScenarioError(ValueError):
    """A scenario that cannot be run: the message names the file, the key and the value."""


@dataclass(frozen=True)
class Parameter:
    value: float
    source: str
    low: float | None = None  # the range the runs draw from, uniformly, when uncertain
    high: float | None = None
    # The source as a structured fact (simulate/wording.py puts it in the reader's language);
    # None for a source written by hand, shown as written.
    basis: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def uncertain(self) -> bool:
        return self.low is not None and self.high is not None and self.low < self.high

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "source": self.source}
        if self.low is not None and self.high is not None:
            data["range"] = [self.low, self.high]
        if self.basis:
            data["basis"] = dict(self.basis)
        return data


@dataclass(frozen=True)
class CustodyTime:
    """Time in custody in weeks, as a histogram: a share of people in each bin [edge, next
    edge), the time uniform within its bin."""

    edges: tuple[int, ...]
    shares: tuple[float, ...]
    source: str
    basis: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def mean_weeks(self) -> float:
        return sum(share * (low + high - 1) / 2 for share, low, high in zip(
            self.shares, self.edges, self.edges[1:], strict=False))

    def as_dict(self) -> dict[str, Any]:
        data = {"edges": list(self.edges), "shares": [round(s, 6) for s in self.shares], "source": self.source}
        return data | ({"basis": dict(self.basis)} if self.basis else {})


@dataclass(frozen=True)
class Policy:
    """One outside policy. Deals: every `every_weeks` weeks from `first_deal_week`, each held
    political prisoner freed with probability `share_released`, at `price_per_prisoner` (US
    dollars) rising by `price_growth` a deal. Automatic cost: every new arrest raises the cost
    to the regime; the arrest rate answers through the scenario's `deterrence_per_100_arrests`."""

    name: str
    kind: str
    every_weeks: int = 0
    first_deal_week: int = 0
    share_released: float = 0.0
    price_per_prisoner: float = 0.0
    price_growth: float = 0.0

    @property
    def deals(self) -> bool:
        return self.kind in ("deals", "mixed")

    @property
    def automatic_cost(self) -> bool:
        return self.kind in ("automatic_cost", "mixed")

    def deal_weeks(self, horizon: int) -> list[int]:
        if not self.deals:
            return []
        first = self.first_deal_week or self.every_weeks
        return list(range(first, horizon, self.every_weeks))

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.deals:
            data.update(every_weeks=self.every_weeks, first_deal_week=self.first_deal_week or self.every_weeks,
                        share_released=self.share_released, price_per_prisoner=self.price_per_prisoner,
                        price_growth=self.price_growth)
        return data


PARAMETERS = {
    "initial_prisoners": "political prisoners held when the horizon starts",
    "arrests_per_week": "new political prisoners a week with no outside policy",
    "pardon_per_year": "the yearly chance a prisoner is pardoned or released early outside a deal",
    "death_per_year": "the yearly chance a prisoner dies in custody",
    "response_to_deals": "how much the arrest rate rises after each deal (0.3 = 30% more), for response_weeks",
    "response_weeks": "how many weeks the rise after a deal lasts",
    "deterrence_per_100_arrests": "under the automatic cost, how much each 100 new arrests lower the arrest rate "
                                  "(0.05 = 5%; below 0 the regime defies it)",
}


@dataclass(frozen=True)
class Scenario:
    name: str
    country: str
    synthetic: bool
    horizon_weeks: int
    parameters: dict[str, Parameter]
    custody: CustodyTime
    policies: tuple[Policy, ...]
    notes: str = ""
    file: str = field(default="", compare=False)
    # A calibrated scenario's summary as facts (simulate/wording.py): its name and notes in
    # the reader's language. None for a scenario written by hand.
    calibration: dict[str, Any] | None = field(default=None, compare=False)

    def value(self, name: str) -> float:
        return self.parameters[name].value

    def with_values(self, **values: float) -> Scenario:
        """The same scenario with some parameters set: their source becomes "changed by the
        user" and they lose their range (a value the user chose is the one every run uses)."""
        changed = dict(self.parameters)
        for name, value in values.items():
            if name not in changed:
                raise ScenarioError(f"{name}: not a parameter; known: {', '.join(PARAMETERS)}")
            changed[name] = Parameter(float(value), "changed by the user", basis={"fact": "changed_by_user"})
        scenario = replace(self, parameters=changed)
        _check_values(scenario, self.file or "changed scenario")
        return scenario

    def policy(self, name: str) -> Policy:
        for policy in self.policies:
            if policy.name == name:
                return policy
        known = ", ".join(p.name for p in self.policies)
        raise ScenarioError(f"policy {name!r} is not in the scenario; it has {known}")

    def as_dict(self) -> dict[str, Any]:
        data = {"name": self.name, "country": self.country, "synthetic": self.synthetic,
                "horizon_weeks": self.horizon_weeks, "notes": self.notes,
                "parameters": {k: p.as_dict() for k, p in self.parameters.items()},
                "custody_weeks": self.custody.as_dict(), "policies": [p.as_dict() for p in self.policies]}
        return data | ({"calibration": dict(self.calibration)} if self.calibration else {})


def _number(data: dict[str, Any], key: str, where: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ScenarioError(f"{where}: {key} = {value!r} is not a number")
    return float(value)


def _parameter(name: str, data: Any, where: str) -> Parameter:
    where = f"{where}: parameters.{name}"
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: {data!r} is not a mapping with value and source")
    value = _number(data, "value", where)
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ScenarioError(f"{where}: source is missing; say where the value comes from, or \"assumption\"")
    low = high = None
    if "range" in data:
        bounds = data["range"]
        if not (isinstance(bounds, list) and len(bounds) == 2):
            raise ScenarioError(f"{where}: range = {bounds!r} is not [low, high]")
        low, high = (_number({"bound": b}, "bound", f"{where}.range") for b in bounds)
        if not low <= value <= high:
            raise ScenarioError(f"{where}: value {value:g} is outside its range [{low:g}, {high:g}]")
    unknown = set(data) - {"value", "source", "range", "basis"}
    if unknown:
        raise ScenarioError(f"{where}: unknown key {sorted(unknown)[0]!r} (value, source, range, basis)")
    return Parameter(value, source.strip(), low, high, _basis(data.get("basis"), where))


def _facts(data: Any, needed: tuple[str, ...], where: str) -> dict[str, Any]:
    """A mapping of plain values (numbers, text, dates as text) that has the keys needed."""
    if not isinstance(data, dict) or not all(isinstance(v, str | int | float | bool | dt.date) for v in data.values()):
        raise ScenarioError(f"{where} = {data!r} is not a mapping of plain values")
    if missing := [key for key in needed if key not in data]:
        raise ScenarioError(f"{where}: {missing[0]} is missing")
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in data.items()}


def _basis(data: Any, where: str) -> dict[str, Any] | None:
    from politzek.simulate.wording import FACT_KEYS

    if data is None:
        return None
    fact = data.get("fact") if isinstance(data, dict) else None
    if fact not in FACT_KEYS:
        raise ScenarioError(f"{where}.basis: fact = {fact!r} is not one of {', '.join(FACT_KEYS)}")
    return _facts(data, FACT_KEYS[fact], f"{where}.basis")


def _custody(data: Any, where: str) -> CustodyTime:
    where = f"{where}: custody_weeks"
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: is not a mapping with edges, shares and source")
    edges, shares = data.get("edges"), data.get("shares")
    if not (isinstance(edges, list) and all(isinstance(e, int) and not isinstance(e, bool) for e in edges)
            and len(edges) >= 2 and edges[0] >= 1 and all(a < b for a, b in zip(edges, edges[1:], strict=False))):
        raise ScenarioError(f"{where}: edges = {edges!r} are not rising whole weeks from 1")
    if edges[-1] > MAX_WEEKS + 1:
        raise ScenarioError(f"{where}: edges end at {edges[-1]} weeks, beyond {MAX_WEEKS}")
    if not (isinstance(shares, list) and len(shares) == len(edges) - 1
            and all(isinstance(s, int | float) and not isinstance(s, bool) and s >= 0 for s in shares)):
        raise ScenarioError(f"{where}: shares = {shares!r} are not {len(edges) - 1} numbers of 0 or more "
                            "(one per bin)")
    total = sum(shares)
    if total <= 0:
        raise ScenarioError(f"{where}: shares add up to 0")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ScenarioError(f"{where}: source is missing")
    return CustodyTime(tuple(edges), tuple(s / total for s in shares), source.strip(), _basis(data.get("basis"), where))


def _policy(data: Any, number: int, where: str) -> Policy:
    where = f"{where}: policies entry {number}"
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ScenarioError(f"{where}: needs a name and a kind")
    kind = data.get("kind")
    if kind not in POLICY_KINDS:
        raise ScenarioError(f"{where}: kind = {kind!r} is not one of {', '.join(POLICY_KINDS)}")
    policy = Policy(name=data["name"], kind=kind)
    if policy.deals:
        every = _number(data, "every_weeks", where)
        share = _number(data, "share_released", where)
        if every < 1 or every != int(every):
            raise ScenarioError(f"{where}: every_weeks = {every:g} is not a whole number of weeks of 1 or more")
        if not 0 < share <= 1:
            raise ScenarioError(f"{where}: share_released = {share:g} is not above 0 and at most 1")
        first = data.get("first_deal_week", int(every))
        if not isinstance(first, int) or first < 1:
            raise ScenarioError(f"{where}: first_deal_week = {first!r} is not a week of 1 or more")
        price = _number(data, "price_per_prisoner", where) if "price_per_prisoner" in data else 0.0
        growth = _number(data, "price_growth", where) if "price_growth" in data else 0.0
        if price < 0 or growth < -1:
            raise ScenarioError(f"{where}: a price below 0 or a price growth below -1")
        policy = replace(policy, every_weeks=int(every), first_deal_week=first, share_released=share,
                         price_per_prisoner=price, price_growth=growth)
    return policy


def _check_values(scenario: Scenario, where: str) -> None:
    rules = {
        "initial_prisoners": (0, 1e6), "arrests_per_week": (0, 1e4), "pardon_per_year": (0, 1),
        "death_per_year": (0, 1), "response_to_deals": (-1, 10), "response_weeks": (0, MAX_WEEKS),
        "deterrence_per_100_arrests": (-0.5, 1),
    }
    for name, (low, high) in rules.items():
        parameter = scenario.parameters[name]
        for label, value in (("value", parameter.value), ("range low", parameter.low),
                             ("range high", parameter.high)):
            if value is not None and not low <= value <= high:
                raise ScenarioError(f"{where}: parameters.{name}: {label} {value:g} is outside [{low:g}, {high:g}]")


def parse_scenario(data: Any, where: str) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: is not a mapping (name, country, parameters, custody_weeks, policies)")
    horizon = data.get("horizon_weeks", 520)
    if not isinstance(horizon, int) or isinstance(horizon, bool) or not 1 <= horizon <= MAX_WEEKS:
        raise ScenarioError(f"{where}: horizon_weeks = {horizon!r} is not a whole number from 1 to {MAX_WEEKS}")
    raw = data.get("parameters")
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: parameters are missing")
    for name in raw:
        if name not in PARAMETERS:
            raise ScenarioError(f"{where}: parameters.{name}: not a parameter; known: {', '.join(PARAMETERS)}")
    missing = [name for name in PARAMETERS if name not in raw]
    if missing:
        raise ScenarioError(f"{where}: parameters.{missing[0]} is missing ({PARAMETERS[missing[0]]})")
    policies = data.get("policies")
    if not isinstance(policies, list) or not policies:
        raise ScenarioError(f"{where}: policies are missing (a list of name and kind)")
    parsed = tuple(_policy(p, i, where) for i, p in enumerate(policies, start=1))
    names = [p.name for p in parsed]
    if len(set(names)) != len(names):
        raise ScenarioError(f"{where}: two policies are called {next(n for n in names if names.count(n) > 1)!r}")
    country = data.get("country", "")
    if not isinstance(country, str) or (country and not (len(country) == 2 and country.isalpha())):
        raise ScenarioError(f"{where}: country = {country!r} is not a two-letter code")
    scenario = Scenario(
        name=str(data.get("name") or Path(where).stem), country=country.upper(),
        synthetic=bool(data.get("synthetic", False)), horizon_weeks=horizon,
        parameters={name: _parameter(name, raw[name], where) for name in PARAMETERS},
        custody=_custody(data.get("custody_weeks"), where), policies=parsed, notes=str(data.get("notes", "")),
        file=where, calibration=_calibration(data.get("calibration"), where))
    _check_values(scenario, where)
    return scenario


def _calibration(data: Any, where: str) -> dict[str, Any] | None:
    from politzek.simulate.wording import CALIBRATION_KEYS

    return None if data is None else _facts(data, CALIBRATION_KEYS, f"{where}: calibration")


def load_scenario(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot be read: {error}") from None
    try:
        data = parsed_with_bounded_nesting(yaml.safe_load, text)
    except TooDeep as error:
        raise ScenarioError(f"{path}: {error}") from None
    except yaml.YAMLError as error:
        raise ScenarioError(f"{path}: is not YAML: {str(error).splitlines()[0]}") from None
    return parse_scenario(data, str(path))


def dump_scenario(scenario: Scenario) -> str:
    return yaml.safe_dump(scenario.as_dict(), sort_keys=False, allow_unicode=True, width=100)


def bundled_scenarios() -> dict[str, Path]:
    """The scenarios shipped with politzek, by name."""
    folder = Path(__file__).parent / "data"
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}
