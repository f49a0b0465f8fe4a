"""A deal file that lists one person twice is refused, naming both entries, unless its writer
asks to merge them; released people carry their citizenship (issue 35, item 3).

On the Russia–Ukraine exchange of 7 September 2019 as its sources write the names
(tests/data/exchange_lists/SOURCES.md): Hromadske writes "Oleg Sentsov", RFE/RL "Oleh Sentsov",
Radio Svoboda's Russian page "Олег Сенцов"; Hromadske names Roman Sushchenko and Oleksandr
Kolchenko; Civil M+: "The plane with Ukrainian citizens arrived […] 11 political prisoners,
including director Oleh Sentsov". Expected by hand: refused, naming released[0] and released[1];
with --merge-duplicates, 3 people recorded (Sentsov once), 2 entries merged, 3 foreign citizens
(Ukrainians released by Russia)."""

from __future__ import annotations

import pytest

from politzek.bargaining.impact import released_people
from politzek.registry import models as m
from tests.commands import run_politzek_here

pytestmark = pytest.mark.django_db

HROMADSKE = "https://en.hromadske.ua/posts/ukraine-and-russia-exchange-prisoners-online"
NAMES = ["Oleg Sentsov", "Oleh Sentsov", "Олег Сенцов", "Roman Sushchenko", "Oleksandr Kolchenko"]


def _deal_file(tmp_path):
    released = "\n".join(f'[[released]]\nname = "{name}"\ncitizenship = "Ukrainian"\ndestination = "UA"\n'
                         for name in NAMES)
    path = tmp_path / "exchange-2019.toml"
    path.write_text(f'''name = "Russia–Ukraine exchange of 7 September 2019"
date = "2019-09-07"
kind = "exchange"
parties = ["RU", "UA"]
announced_released = 35
[[sources]]
url = "{HROMADSKE}"
{released}''', encoding="utf-8")
    return path


def test_one_person_listed_twice_is_refused_naming_both_entries(tmp_path):
    done = run_politzek_here("deals", "add", str(_deal_file(tmp_path)))
    assert done.returncode == 2
    assert "released[0] 'Oleg Sentsov' and released[1] 'Oleh Sentsov' are one person (the names match" in done.stderr
    assert "--merge-duplicates" in done.stderr and not m.Deal.objects.exists()


def test_merged_on_request_and_foreign_citizens_counted_without_a_registry_record(tmp_path):
    done = run_politzek_here("deals", "add", str(_deal_file(tmp_path)), "--merge-duplicates")
    assert done.returncode == 0, done.stderr
    assert "merged: released[1] 'Oleh Sentsov' into released[0] 'Oleg Sentsov'" in done.stdout
    assert "merged: released[2] 'Олег Сенцов' into released[0] 'Oleg Sentsov'" in done.stdout
    deal = m.Deal.objects.get()
    assert sorted(deal.releases.values_list("name_as_listed", flat=True)) == [
        "Oleg Sentsov", "Oleksandr Kolchenko", "Roman Sushchenko"]
    assert list(deal.releases.values_list("citizenships", flat=True)) == [["UA"]] * 3
    released = released_people(deal, "RU", None)
    assert (released.by_regime, released.foreign_citizens, released.not_in_registry) == (3, 3, 3)


def test_a_citizenship_naming_no_country_is_refused(tmp_path):
    path = tmp_path / "deal.toml"
    path.write_text('name = "x"\nkind = "exchange"\n[[released]]\nname = "A B"\ncitizenship = "Martian"\n',
                    encoding="utf-8")
    done = run_politzek_here("deals", "add", str(path))
    assert done.returncode == 2 and "released[0].citizenship: 'Martian' names no country" in done.stderr
