"""Rate ratios and their exact intervals, checked against the definition of the interval
(binomial tails computed here with math.comb), not against the code's own formula."""

import math

import pytest

from politzek.bargaining.rates import rate_ratio


def _tail_at_least(k, n, p):
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


def _tail_at_most(k, n, p):
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(0, k + 1))


def _share(ratio, after_days, before_days):
    """The chance an event falls after, for a true rate ratio."""
    return ratio * after_days / (ratio * after_days + before_days)


@pytest.mark.parametrize(("after", "after_days", "before", "before_days"), [
    (16, 28, 8, 28), (8, 28, 16, 28), (30, 84, 30, 84), (3, 14, 1, 28), (5, 20, 40, 182),
])
def test_the_bounds_are_where_the_binomial_tails_reach_two_and_a_half_percent(after, after_days, before, before_days):
    rate = rate_ratio(after, after_days, before, before_days)
    n = after + before
    assert rate.ratio == pytest.approx((after / after_days) / (before / before_days))
    # At the lower bound, as many events after or more has a chance of 2.5%; at the upper, as few or fewer.
    assert _tail_at_least(after, n, _share(rate.low, after_days, before_days)) == pytest.approx(0.025, abs=1e-6)
    assert _tail_at_most(after, n, _share(rate.high, after_days, before_days)) == pytest.approx(0.025, abs=1e-6)
    assert rate.low < rate.ratio < rate.high


def test_twice_the_rate_over_equal_windows():
    rate = rate_ratio(40, 28, 20, 28)
    assert rate.ratio == 2.0
    assert rate.per_week_after == 10 and rate.per_week_before == 5
    assert rate.significant and rate.low > 1


def test_unequal_windows_compare_rates_not_counts():
    # 10 events in 14 days against 10 in 28: the rate doubled though the counts are equal.
    assert rate_ratio(10, 14, 10, 28).ratio == pytest.approx(2.0)


def test_no_events_at_all_has_no_ratio():
    rate = rate_ratio(0, 28, 0, 28)
    assert rate.ratio is None and rate.low is None and rate.high is None
    assert rate.describe() == "no events in either window" and not rate.significant


def test_none_before_is_unbounded_above():
    rate = rate_ratio(5, 28, 0, 28)
    assert rate.ratio is None and math.isinf(rate.high) and rate.low > 0
    assert rate.as_dict()["ci_high"] == "inf"


def test_none_after_has_a_lower_bound_of_zero():
    rate = rate_ratio(0, 28, 6, 28)
    assert rate.ratio == 0 and rate.low == 0 and rate.high < 1


def test_bad_windows_are_refused():
    with pytest.raises(ValueError, match="at least one day"):
        rate_ratio(1, 0, 1, 28)
    with pytest.raises(ValueError, match="negative"):
        rate_ratio(-1, 28, 1, 28)
