"""A deal's headline count equals the stock's fall, or says why not (issue 34, item 1), on the
pardon of 22 August 2015 (Freedom House: "The six Belarusian political prisoners were released on
August 22 on a presidential pardon"). The registry holds Viasna's five named political prisoners
of late 2014, held since a day no source gives (tests/registry/test_list_of_2014.py), and Yury
Rubtsou, whom Viasna named a political prisoner on 5 August 2015 ("especially about Yury Rubtsou,
who is currently held in remand prison No. 6 in Baranavičy"), recorded here with his recognition
only: the documenter has not yet entered his detention.

Expected by hand: 6 announced, 6 named, 6 in the registry, 6 recognized political prisoners
released; 1 of them (Rubtsou) with no custody on record the day before, so those held fall by 5,
and the deal page, `deals price` and the API say so."""

from __future__ import annotations

import json

import pytest

from politzek.registry import models as m
from tests.commands import run_politzek_here
from tests.registry.factories import event, organization, person
from tests.registry.test_list_of_2014 import FREEDOM_HOUSE, NAMES, _list_of_2014

pytestmark = pytest.mark.django_db

VIASNA_2015 = "https://spring96.org/en/news/79010"


def test_a_recognized_prisoner_with_no_custody_on_record_is_said_apart(tmp_path, client):
    _list_of_2014(tmp_path)
    rubtsou = person("Yury Rubtsou", country="BY")
    recognized = event(rubtsou, "recognized", None, organization=organization("viasna", kind="human_rights"))
    recognized.sources.add(m.Source.objects.create(url=VIASNA_2015))
    released = "\n".join(f'[[released]]\nname = "{name}"\n' for name in [*NAMES, "Yury Rubtsou"])
    path = tmp_path / "pardon-2015.toml"
    path.write_text(f'''name = "Belarus pardon of 22 August 2015"
date = "2015-08-22"
kind = "pardon_wave"
parties = ["BY"]
announced_released = 6
[[sources]]
url = "{FREEDOM_HOUSE}"
{released}
''', encoding="utf-8")
    done = run_politzek_here("deals", "add", str(path))
    assert done.returncode == 0, done.stderr
    held = [json.loads(run_politzek_here("stats", "--json", "--at", day).stdout)["in_custody"]
            for day in ("2015-08-21", "2015-08-22")]
    assert held == [5, 0]
    deal = m.Deal.objects.get(name="Belarus pardon of 22 August 2015")
    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "Announced released: 6; named in the deal's record: 6; in the registry: 6; recognized political " \
           "prisoners among them: 6." in page
    assert "with no custody on record the day before the deal: 1. The number held falls by 5" in page
    api = client.get("/api/deals").json()["items"][0]
    assert api["coverage"]["recognized_without_custody_on_record"] == 1
    assert "1 of the 6 recognized political prisoners released had no custody on record the day before; the " \
           "number held falls by 5" in run_politzek_here("deals", "price").stdout
