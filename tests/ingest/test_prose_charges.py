"""A list that writes charges in prose gets charges, and the people list a charge facet (issue
35, item 5). Ukrainian Week, on the 24 sailors Russia held after the Kerch Strait incident and
released on 7 September 2019 (tests/data/exchange_lists/SOURCES.md, S9): "All 24 sailors were
charged with the same: violation of Part 3 of Article 322 of the Criminal Code of Russia (Illegal
crossing the state border of Russia)." Three of them, as Hromadske names them, with that sentence
as their charges cell. Expected by hand: each has one charge, RU-CC 322 part 3, the sentence kept
as written; the list's article facet counts 3 people under 322."""

from __future__ import annotations

import re

import pytest

from politzek.ingest.importer import run_import
from politzek.ingest.profile import parse_profile
from politzek.registry import models as m

pytestmark = pytest.mark.django_db

QUOTE = ("All 24 sailors were charged with the same: violation of Part 3 of Article 322 of the Criminal Code of "
         "Russia (Illegal crossing the state border of Russia).")
SAILORS = ["Bohdan Nebylytsia", "Andriy Oprysko", "Vyacheslav Zinchenko"]
PROFILE = '''
name = "sailors-2019"
format = "csv"
namespace = "sailors-2019"
key = "name"
[[names]]
column = "name"
[fields]
country = { value = "RU" }
visibility = { value = "public" }
[case]
jurisdiction = "RU"
code_system = "RU-CC"
articles = "charges"
articles_from_text = true
[[sources]]
column = "source"
'''


def test_charges_written_in_prose(tmp_path, client):
    path = tmp_path / "sailors.csv"
    rows = "".join(f'{name},"{QUOTE}",https://ukrainianweek.com/russia-may-bring-new-charges-against-captive-'
                   f'ukrainian-sailors\n' for name in SAILORS)
    path.write_text("name,charges,source\n" + rows, encoding="utf-8")
    result = run_import(parse_profile(PROFILE, "sailors-2019.toml"), path, actor="test")
    assert result.written and not result.rejected, result.rejected
    charges = list(m.Charge.objects.values_list("code_system", "article", "part", "label"))
    assert charges == [("RU-CC", "322", "3", QUOTE)] * 3
    page = client.get("/?country=RU").content.decode()
    link = page[page.index("article=322"):]
    assert re.match(r'article=322"[^>]*>322[^<]*</a> <span class="muted">3</span>', link), link[:300]
