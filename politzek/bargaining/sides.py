"""Which way an entry of an exchange list goes, read as lists are really written: country names
and codes in any language and form ("Russia", "Russian Federation", "RF", "Россия", "РФ",
"Расія", "Росія", "USA", "США", "Germany", "ФРГ"), in `released_by` / `received_by` columns or in
direction phrases that carry a country ("to_russia", "from Belarus", "в Россию", "передан
России", "handed to Russia").

Every reading names the cells that decided it. When nothing says which way an entry goes, or
the cells contradict each other, the side is UNKNOWN: a list read backwards once called all 16
people Russia and Belarus freed in Ankara "sent to the regime" (issue 35), so nothing is
guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from politzek.registry.countries import country_in

TO_REGIME, FROM_REGIME, UNKNOWN = "to_regime", "from_regime", "unknown"

# Words of a `direction` (or `side`) cell with no country: going to the detaining state, or
# freed by it. The first list is read first: "returned_to_regime" must not read as "released".
TO_REGIME_WORDS = ("to_regime", "to regime", "to the regime", "returned", "handed back", "→ regime",
                   "в обмен")
FROM_REGIME_WORDS = ("released_by_regime", "from_regime", "from regime", "from the regime", "released by",
                     "freed", "released", "освобожд", "вызвал", "звільн")
# Words before a country: where a person goes, and where they come from.
_TOWARD = r"(?:to|into|handed\s+(?:over\s+)?to|sent\s+to|returned\s+to|transferred\s+to|в|во|у|передан[аоы]?|" \
          r"выдан[аоы]?|перададзен[аы]?|передан[аоі]?|переданий|передано|для)"
_FROM = r"(?:from|out\s+of|by|released\s+by|freed\s+by|из|изо|с|со|з|са|від|ад)"
_PHRASE = re.compile(rf"(?:^|[\s_\-→>(/,;:]){{1}}(?P<word>{_TOWARD}|{_FROM})[\s_\-]+(?P<rest>[^,;()/]+)", re.I)
_TOWARD_WORD = re.compile(rf"^{_TOWARD}$", re.I)
@dataclass(frozen=True)
class Side:
    direction: str  # TO_REGIME, FROM_REGIME or UNKNOWN
    read_from: str  # the cells that decided it, or why nothing did

    @property
    def to_regime(self) -> bool:
        return self.direction == TO_REGIME


def _phrase_country(text: str) -> tuple[str, str] | None:
    """("to" or "from", country) that a direction phrase names, or None."""
    for match in _PHRASE.finditer(text):
        code = country_in(match["rest"])
        if code:
            return ("to" if _TOWARD_WORD.match(match["word"].strip()) else "from"), code
    return None


def detaining_states(rows: list[dict[str, str]], held_in: str | None) -> frozenset[str]:
    """The countries on the detaining state's side of the list: `held_in` and every country the
    list puts on the same side as it. Each row with a `released_by` and a `received_by` country
    sets them on opposite sides (Ankara, 2024: Belarus released Rico Krieger to Germany, which
    released others to Russia, so Belarus stands with Russia). When the rows cannot be split in
    two sides, only `held_in` is."""
    if not held_in:
        return frozenset()
    parent: dict[str, tuple[str, int]] = {}  # country → (root, parity against the root)

    def find(code: str) -> tuple[str, int]:
        root, parity = parent.setdefault(code, (code, 0))
        if root == code:
            return code, 0
        top, more = find(root)
        parent[code] = (top, parity ^ more)
        return top, parity ^ more

    for row in rows:
        released = country_in(row.get("released_by") or "")
        received = country_in(row.get("received_by") or "")
        if not released or not received or released == received:
            continue
        (a, pa), (b, pb) = find(released), find(received)
        if a == b:
            if pa == pb:
                return frozenset({held_in})  # the rows contradict each other: no sides to read
            continue
        parent[a] = (b, pa ^ pb ^ 1)
    root, parity = find(held_in)
    return frozenset(code for code in list(parent) if find(code) == (root, parity)) | {held_in}


def read_side(fields: dict[str, str], regime: frozenset[str] | str | None,
              to_regime_pairs: tuple[tuple[str, str], ...] = ()) -> Side:
    """Which way the entry goes for a list whose detaining side is `regime` (ISO codes)."""
    def cell(column: str) -> str:
        return (fields.get(column) or "").strip()

    if to_regime_pairs:  # the user said how the list marks them (--to-regime side=RU)
        for column, value in to_regime_pairs:
            if cell(column).casefold() == value.strip().casefold():
                return Side(TO_REGIME, f"{column} = {cell(column)}")
        return Side(FROM_REGIME, "not marked as " + " or ".join(f"{c} = {v}" for c, v in to_regime_pairs))
    states = frozenset({regime.upper()}) if isinstance(regime, str) and regime else frozenset(regime or ())
    readings: list[tuple[str, str]] = []
    for column, toward in (("received_by", True), ("released_by", False)):
        text = cell(column)
        code = country_in(text) if text else None
        if code and states:
            goes_to_regime = (code in states) == toward
            readings.append((TO_REGIME if goes_to_regime else FROM_REGIME, f"{column} = {text} ({code})"))
        elif text and not code:
            readings.append((UNKNOWN, f"{column} = {text}: no country read"))
    for column in ("direction", "side"):
        text = cell(column)
        if not text:
            continue
        folded = text.casefold()
        phrase = _phrase_country(folded.replace("_", " "))
        if phrase and states:
            toward, code = phrase
            goes_to_regime = (code in states) == (toward == "to")
            readings.append((TO_REGIME if goes_to_regime else FROM_REGIME, f"{column} = {text} ({toward} {code})"))
        elif any(word in folded for word in TO_REGIME_WORDS):
            readings.append((TO_REGIME, f"{column} = {text}"))
        elif any(word in folded for word in FROM_REGIME_WORDS):
            readings.append((FROM_REGIME, f"{column} = {text}"))
        # A bare country code in `side` may mean either side: it is not read.
    known = {direction for direction, _why in readings if direction != UNKNOWN}
    why = "; ".join(reason for _direction, reason in readings)
    if len(known) == 1:
        return Side(known.pop(), why)
    if len(known) > 1:
        return Side(UNKNOWN, f"the columns disagree: {why}")
    if not states and readings:
        return Side(UNKNOWN, f"{why}; the detaining state is not known (give --country)")
    return Side(UNKNOWN, why or "no released_by, received_by, direction or side column says which way")
