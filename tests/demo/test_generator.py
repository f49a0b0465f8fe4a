import datetime as dt
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from politzek.demo.generator import DemoRefused, create_demo
from politzek.names.search_keys import search_keys
from politzek.registry import models as m
from politzek.registry.status import check_timeline
from politzek.registry.timeline import derivations

# A whole registry and hundreds of requests: `-m 'not slow'` leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TODAY = dt.date(2026, 11, 1)


def snapshot():
    """The demo's content without database ids, to compare two runs."""
    people = [
        (p.country, p.birth_date and str(p.birth_date), p.gender, tuple(n.name for n in p.names.order_by("id")),
         tuple((e.kind, str(e.date)) for e in p.events.order_by("date_earliest", "kind")))
        for p in m.Person.objects.order_by("id").prefetch_related("names")
    ]
    return people


def test_same_seed_same_data_and_replace_removes_only_demo_data():
    create_demo(people=60, seed=3, today=TODAY)
    first = snapshot()
    create_demo(people=60, seed=3, today=TODAY, replace=True)
    assert snapshot() == first
    create_demo(people=60, seed=4, today=TODAY, replace=True)
    assert snapshot() != first
    # Real organizations used as recognizers are reference data and survive --replace.
    assert m.Organization.objects.filter(code="viasna", synthetic=False).exists()


def test_everything_the_demo_writes_is_marked_synthetic():
    create_demo(people=50, seed=1, today=TODAY)
    for model in (m.Person, m.Event, m.Case, m.Official, m.Facility, m.Deal):
        assert model.objects.exists(), model
        assert not model.objects.filter(synthetic=False).exists(), model
    assert all("synthetic" in f.postal_address for f in m.Facility.objects.all())
    # Nothing dated after today but hearings announced for the weeks ahead (/this-week/).
    ahead = m.Event.objects.filter(date_earliest__gt=TODAY)
    assert set(ahead.values_list("kind", flat=True)) == {"hearing_scheduled"}
    assert max(ahead.values_list("date_earliest", flat=True)) <= TODAY + dt.timedelta(days=60)
    # Every synthetic fact cites a synthetic source that says it is invented.
    assert not m.Event.objects.filter(sources__isnull=True).exists()
    assert not m.Deal.objects.filter(sources__isnull=True).exists()
    assert not m.Concession.objects.filter(source__isnull=True).exists()
    cited = m.Source.objects.filter(events__isnull=False).distinct()
    assert all(s.synthetic and "(invented)" in s.title for s in cited)


def test_demo_refuses_a_registry_with_real_people():
    real = m.Person.objects.create(country="BY")
    with pytest.raises(DemoRefused) as error:
        create_demo(people=5, today=TODAY, replace=True)
    assert "real" in str(error.value)
    assert m.Person.objects.get() == real


def test_demo_timelines_are_possible_and_shaped_like_the_real_thing():
    create_demo(people=400, seed=2, today=TODAY)
    errors = []
    statuses = Counter()
    for _person, events, derived in derivations(m.Event.objects.all()):
        errors += [i for i in check_timeline(events) if i.severity == "error"]
        statuses[derived.status.status] += 1
    assert errors == []
    # Names in Cyrillic with a Latin transliteration for everyone.
    assert m.PersonName.objects.filter(script="Cyrl").count() == 400
    assert m.PersonName.objects.filter(script="Latn", is_primary=True).count() == 400
    # Real articles used against dissidents, courts and judges who recur across cases.
    articles = set(m.Charge.objects.values_list("code_system", "article"))
    assert {("BY-CC", "342"), ("RU-CC", "207.3")} <= articles
    busiest = Counter(m.CaseRole.objects.filter(role="judge_first_instance").values_list("official_id", flat=True))
    assert busiest.most_common(1)[0][1] >= 5
    # Releases by pardon and exchange, people still serving, deals with concessions.
    assert statuses["serving_sentence"] > 0 and statuses["released"] > 0
    assert m.Event.objects.filter(kind="released_end_of_term").exists()
    assert m.Deal.objects.count() >= 4 and m.Concession.objects.exists()
    assert m.DealRelease.objects.filter(direction="returned_to_regime").count() == 8


def test_stock_of_political_prisoners_in_belarus_is_of_realistic_size():
    """At the default size (7,500) Belarus holds ~1,100–1,450 political prisoners over
    2022–2025, as Viasna counted; a fifth of the people gives a fifth of the stock."""
    from politzek.registry.queries import registry_stats

    create_demo(people=1500, seed=5, today=TODAY)
    for day in ("2022-06-01", "2023-06-01", "2024-06-01", "2025-06-01"):
        belarus = registry_stats(dt.date.fromisoformat(day), ["viasna"])["by_country"]["BY"]
        assert 1000 / 5 <= belarus["political_prisoners"] <= 1550 / 5, (day, belarus)


def test_the_readme_example_search_finds_demo_people():
    """README's example search (`/?q=…`) must find someone on the demo data, which is drawn
    from the name pools: the query's search key is the key of a demo surname."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    query = re.search(r"/\?q=(\w+)", readme).group(1)
    pools = tomllib.loads((Path(__file__).resolve().parents[2] / "politzek/demo/data/names.toml").read_text("utf-8"))
    surnames = [name for pool in pools.values() if isinstance(pool, dict) for name in pool.get("surnames", [])]
    found = [name for name in surnames if set(search_keys(name)) & set(search_keys(query))]
    assert found, f"README searches for {query!r}, which no demo surname answers"
    for shown in re.findall(r'/\?q=\w+` finds[^(]*?"([^"]+)"', readme):
        assert shown in found
