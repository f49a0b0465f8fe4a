"""A deal's price rests on what was announced, not on the share the registry links (issue 34,
item 1): the December 2025 deal was priced on 10 linked people, 250 M USD a person instead of
about 20 M. Two registries:
- the issue's worked example, as arithmetic: announced_released = 123 and a concession valued
  at 2.5 bn USD give 2,500,000,000 / 123 = 20,325,203 USD per announced person, the same on the
  page, the command line and the API (no real person in it);
- the real release of 13 December 2025 (Al Jazeera: 123 freed; PBS/AP via Viasna: Ales
  Bialiatski, Maria Kalesnikava, Viktar Babaryka, Valiantsin Stefanovic, Uladzimir Labkovich and
  Maxim Znak among them), with no value recorded for its concession (none was published): the
  page says what the figures rest on, 123 announced, 6 named, 2 in this registry."""

from __future__ import annotations

import json

import pytest

from politzek.bargaining.deal_file import DealFileError, read_deal_file
from politzek.registry import models as m
from politzek.registry.partial_date import PartialDate
from tests.commands import run_politzek_here
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db

ALJAZEERA = ("https://www.aljazeera.com/news/2025/12/13/belarus-frees-123-prisoners-including-ales-bialiatski-as-"
             "us-lifts-sanctions")
PBS_VIA = "https://tnnews.ai/stories/20251213-e2eea042.html"
NAMED = ["Ales Bialiatski", "Maria Kalesnikava", "Viktar Babaryka", "Valiantsin Stefanovic", "Uladzimir Labkovich",
         "Maxim Znak"]


def test_the_price_per_announced_person_is_the_same_everywhere(client):
    deal = m.Deal.objects.create(name="Worked example: 123 announced", date=PartialDate.parse("2025-12-13"),
                                 kind="concession_release", parties=["BY", "US"], announced_released=123,
                                 synthetic=True)
    m.Concession.objects.create(deal=deal, kind="sanctions_relief", description="relief valued for the example",
                                estimated_value_usd=2_500_000_000)
    for number in range(10):
        linked = person(f"Testau Linked {number}", country="BY")
        event(linked, "detained", "2024-01-01")
        m.DealRelease.objects.create(deal=deal, person=linked, direction="released_by_regime")
    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "Price: 20,325,203 USD per person announced released (123 people)" in page
    assert "Announced released: 123; named in the deal's record: 10; in the registry: 10" in page
    api = client.get("/api/deals").json()["items"][0]
    assert api["usd_per_announced_person"] == pytest.approx(20_325_203.25, abs=0.01)
    assert api["coverage"] == {"announced_released": 123, "listed": 10, "in_registry": 10,
                               "recognized_political_prisoners": 0}
    cli = json.loads(run_politzek_here("deals", "price", "--json").stdout)["deals"][0]
    assert cli["usd_per_announced_person"] == api["usd_per_announced_person"]
    assert "20,325,203" in run_politzek_here("deals", "price").stdout


def test_the_december_2025_release_says_what_its_figures_rest_on(client, tmp_path):
    listed = "\n".join(f'[[released]]\nname = "{name}"\ndestination = "LT"\n' for name in NAMED)
    path = tmp_path / "december-2025.toml"
    path.write_text(f'''name = "Belarus release of 13 December 2025"
date = "2025-12-13"
kind = "concession_release"
parties = ["BY", "US"]
announced_released = 123
[[sources]]
url = "{ALJAZEERA}"
[[sources]]
url = "{PBS_VIA}"
{listed}
[[concessions]]
kind = "sanctions_relief"
entity = "potash"
source = "{ALJAZEERA}"
''', encoding="utf-8")
    for name in NAMED[:2]:  # two of them in this registry, nothing said of them but their names
        person(name, country="BY")
    done = run_politzek_here("deals", "add", str(path))
    assert done.returncode == 0, done.stderr
    deal = m.Deal.objects.get(name="Belarus release of 13 December 2025")
    assert deal.announced_released == 123
    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "Announced released: 123; named in the deal's record: 6; in the registry: 2" in page
    assert "no concession of this deal has an estimated value" in page
    russian = client.get(f"/ru/deals/{deal.pk}/").content.decode()
    assert "123" in russian and "Announced released" not in russian


def test_an_announced_count_below_the_people_listed_is_refused(tmp_path):
    path = tmp_path / "deal.toml"
    path.write_text('name = "x"\nkind = "pardon_wave"\nannounced_released = 1\n'
                    '[[released]]\nname = "A B"\n[[released]]\nname = "C D"\n', encoding="utf-8")
    with pytest.raises(DealFileError, match="announced_released: 1 is fewer than the 2 people the file lists"):
        read_deal_file(path)
    path.write_text('name = "x"\nkind = "pardon_wave"\nannounced_released = "many"\n', encoding="utf-8")
    with pytest.raises(DealFileError, match="announced_released: 'many' is not a whole number of people"):
        read_deal_file(path)
