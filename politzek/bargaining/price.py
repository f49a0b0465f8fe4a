"""The price of releases: what each deal conceded per recognized political prisoner it
released, deal after deal in date order, so a reader sees whether the price is rising.

Only concessions with an estimated value in US dollars are summed; the others are counted by
kind beside the sum, never guessed. A deal that freed no recognized political prisoner has
no price per prisoner (its concessions bought none)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from politzek.bargaining.impact import deal_country, released_people
from politzek.registry import models as m


@dataclass
class DealPrice:
    deal: m.Deal
    day: dt.date
    country: str
    political_prisoners_released: int
    released_by_regime: int
    returned_to_regime: int
    valued_usd: Decimal  # sum of the concessions that have an estimated value
    unvalued: Counter[str]  # concessions with no estimate, by kind
    kinds: Counter[str]
    # What the figures rest on: how many the parties announced, and of those released by the
    # regime how many the deal file lists (by id or name) and how many are in the registry.
    announced_released: int | None = None
    in_registry: int = 0
    # Recognized political prisoners released with no custody on record the day before: the
    # number held falls by `political_prisoners_released` less these.
    recognized_not_held: int = 0
    # The valued concessions as a range (a published "2 to 3 bn" is no one number): `valued_usd`
    # is its low end, `valued_high` its high end (equal when every value is one number), and
    # what the values measure (one-off, per year…).
    valued_high: Decimal = Decimal(0)
    bases: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        return self.valued_high != self.valued_usd

    def _per(self, people: int | None) -> tuple[float, float] | None:
        if not people or not self.valued_high:
            return None
        return float(self.valued_usd) / people, float(self.valued_high) / people

    @property
    def per_announced_range(self) -> tuple[float, float] | None:
        return self._per(self.announced_released)

    @property
    def per_prisoner_range(self) -> tuple[float, float] | None:
        return self._per(self.political_prisoners_released)

    @property
    def stock_fall(self) -> int:
        return self.political_prisoners_released - self.recognized_not_held

    @property
    def usd_per_announced(self) -> float | None:
        """The valued concessions per person announced released: the price a reader can compare
        across deals, whatever share of them the registry links."""
        if not self.announced_released or not self.valued_usd:
            return None
        return float(self.valued_usd) / self.announced_released

    @property
    def coverage(self) -> dict[str, int | None]:
        return {"announced_released": self.announced_released, "listed": self.released_by_regime,
                "in_registry": self.in_registry, "recognized_political_prisoners": self.political_prisoners_released,
                "recognized_without_custody_on_record": self.recognized_not_held}

    @property
    def usd_per_prisoner(self) -> float | None:
        if not self.political_prisoners_released or not self.valued_usd:
            return None
        return float(self.valued_usd) / self.political_prisoners_released

    @property
    def unvalued_text(self) -> str:
        """The concessions with no estimate, e.g. "1 official visit, 2 trade"."""
        return ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(self.unvalued.items()))

    @property
    def concessions_per_prisoner(self) -> float | None:
        total = sum(self.kinds.values())
        return total / self.political_prisoners_released if self.political_prisoners_released else None

    def as_dict(self) -> dict[str, Any]:
        per = self.usd_per_prisoner
        return {
            "deal": self.deal.pk, "name": self.deal.name, "date": str(self.deal.date), "kind": self.deal.kind,
            "country": self.country, "synthetic": self.deal.synthetic,
            "political_prisoners_released": self.political_prisoners_released,
            "released_by_regime": self.released_by_regime, "returned_to_regime": self.returned_to_regime,
            "concessions": dict(sorted(self.kinds.items())), "valued_usd": float(self.valued_usd),
            "unvalued_concessions": dict(sorted(self.unvalued.items())),
            "usd_per_political_prisoner": round(per, 2) if per is not None else None,
            "usd_per_announced_person": (round(self.usd_per_announced, 2)
                                         if self.usd_per_announced is not None else None),
            "coverage": self.coverage,
            "concessions_per_political_prisoner": (round(self.concessions_per_prisoner, 4)
                                                   if self.concessions_per_prisoner is not None else None),
            # The same prices from the low and the high ends of the valued concessions.
            "valued_usd_range": [float(self.valued_usd), float(self.valued_high)],
            "usd_per_announced_person_range": ([round(v, 2) for v in self.per_announced_range]
                                               if self.per_announced_range else None),
            "usd_per_political_prisoner_range": ([round(v, 2) for v in self.per_prisoner_range]
                                                 if self.per_prisoner_range else None),
            "value_bases": list(self.bases),
        }


def deal_prices(country: str | None = None, organizations: tuple[str, ...] | None = None) -> list[DealPrice]:
    """Every dated deal (of one country of persecution, if given) with its price, oldest first."""
    deals = m.Deal.objects.filter(date__isnull=False).prefetch_related("concessions")
    prices = []
    for deal in deals:
        held_in = deal_country(deal) if deal.parties or deal.releases.exists() else ""
        if country and held_in != country.upper():
            continue
        released = released_people(deal, held_in, organizations)
        valued, valued_high = Decimal(0), Decimal(0)
        bases: set[str] = set()
        unvalued: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for concession in deal.concessions.all():
            kinds[concession.kind] += 1
            values = concession.value_range
            if values and values[1]:
                valued, valued_high = valued + values[0], valued_high + values[1]
                bases.add(concession.basis or "unstated")
            else:
                unvalued[concession.kind] += 1
        prices.append(DealPrice(deal, deal.date.earliest, held_in, released.recognized, released.by_regime,
                                released.returned_to_regime, valued, unvalued, kinds, deal.announced_released,
                                released.recognized + released.not_recognized, released.recognized_not_held,
                                valued_high, tuple(sorted(bases))))
    prices.sort(key=lambda p: (p.day, p.deal.pk))
    return prices


MIN_PRICED_FOR_TREND = 3


def trend(prices: list[DealPrice]) -> str:
    """Whether the price rose, fell or varied across the deals that have one, in date order:
    per person announced released (the middle of its range) where enough deals record how many
    were announced, else per recognized political prisoner the registry links."""
    announced = [sum(p.per_announced_range) / 2 for p in prices if p.per_announced_range]
    values = announced if len(announced) >= MIN_PRICED_FOR_TREND else [
        p.usd_per_prisoner for p in prices if p.usd_per_prisoner is not None]
    if len(values) < MIN_PRICED_FOR_TREND:
        # Two prices always rise or fall: that is no trend a diplomat should be told.
        return _("too few priced deals to tell (%(n)s of the %(least)s needed)") % {
            "n": len(values), "least": MIN_PRICED_FOR_TREND}
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    if all(step > 0 for step in steps):
        return _("rising with every deal")
    if all(step < 0 for step in steps):
        return _("falling with every deal")
    if values[-1] == values[0]:
        return _("flat")
    return _("rising overall") if values[-1] > values[0] else _("falling overall")
