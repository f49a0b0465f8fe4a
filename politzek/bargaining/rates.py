"""Rates of events in two windows compared as a rate ratio with an exact Poisson confidence
interval (framework-free).

With `after` events in `after_days` and `before` events in `before_days`, the ratio of the
two rates is (after / after_days) / (before / before_days). Its interval is the exact one
conditional on the total: given n = after + before, `after` is binomial with probability
p = r·Ta / (r·Ta + Tb) for the true ratio r, so the Clopper–Pearson bounds of p, turned back
into ratios, bound r. It needs no large counts and stays honest for 0 or 3 events."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class RateRatio:
    after: int
    after_days: int
    before: int
    before_days: int
    ratio: float | None  # None when the before-rate is 0 and the after-rate is not, or both are 0
    low: float | None
    high: float | None  # math.inf when no event fell before the deal
    confidence: float = CONFIDENCE

    @property
    def per_week_after(self) -> float | None:
        return 7 * self.after / self.after_days if self.after_days else None

    @property
    def per_week_before(self) -> float | None:
        return 7 * self.before / self.before_days if self.before_days else None

    @property
    def significant(self) -> bool:
        """Whether the interval leaves out 1 (no change)."""
        return self.low is not None and self.high is not None and (self.low > 1 or self.high < 1)

    def describe(self) -> str:
        if self.after + self.before == 0:
            return "no events in either window"
        if self.ratio is None:
            return f"{self.after} after, none before: the ratio is unbounded (lower bound {self.low:.2f})"
        high = "∞" if self.high is None or math.isinf(self.high) else f"{self.high:.2f}"
        low = f"{self.low:.2f}" if self.low is not None else "0"
        return f"{self.ratio:.2f} ({self.confidence:.0%} CI {low}–{high})"

    def as_dict(self) -> dict[str, Any]:
        def number(value: float | None) -> float | str | None:
            if value is None:
                return None
            return "inf" if math.isinf(value) else round(value, 4)

        return {
            "after": self.after, "after_days": self.after_days, "before": self.before,
            "before_days": self.before_days,
            "per_week_after": number(self.per_week_after), "per_week_before": number(self.per_week_before),
            "rate_ratio": number(self.ratio), "ci_low": number(self.low), "ci_high": number(self.high),
            "confidence": self.confidence, "significant": self.significant,
        }


def rate_ratio(after: int, after_days: int, before: int, before_days: int,
               confidence: float = CONFIDENCE) -> RateRatio:
    """The ratio of the after-rate to the before-rate with its exact interval."""
    if after < 0 or before < 0:
        raise ValueError("event counts cannot be negative")
    if after_days <= 0 or before_days <= 0:
        raise ValueError("each window needs at least one day")
    total = after + before
    if total == 0:
        return RateRatio(after, after_days, before, before_days, None, None, None, confidence)
    # The beta distribution's quantile (scipy.stats.beta.ppf) is the inverse regularized
    # incomplete beta function: scipy.special's alone adds ~25 MB to a server worker where
    # scipy.stats adds ~70 MB, and it loads only with the first deal page.
    from scipy.special import betaincinv

    alpha = 1 - confidence
    # Clopper–Pearson bounds of the share of events that fell after.
    share_low = 0.0 if after == 0 else float(betaincinv(after, total - after + 1, alpha / 2))
    share_high = 1.0 if after == total else float(betaincinv(after + 1, total - after, 1 - alpha / 2))
    exposure = before_days / after_days

    def as_ratio(share: float) -> float:
        return math.inf if share >= 1 else share / (1 - share) * exposure

    ratio = None if before == 0 else (after / after_days) / (before / before_days)
    return RateRatio(after, after_days, before, before_days, ratio, as_ratio(share_low), as_ratio(share_high),
                     confidence)
