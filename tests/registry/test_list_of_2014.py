"""A list of 2014 imported today is not counted as held today without saying so (issue 34,
items 2 and 4), on a real list:

Viasna, "Situation of Human Rights in Belarus in 2014. Review-Chronicle" (Minsk, 2015):
"as of late 2014, Belarusian prisons held six political prisoners: Mikalai Statkevich, Mikalai
Dziadok, Ihar Alinevich, Artsiom Prakapenka, Yauhen Vaskovich and Y[…]" (the stored copy stops
in the sixth name, so five are imported). No arrest date is given: each is held since a day
the list does not give. Then Freedom House: "The six Belarusian political prisoners were
released on August 22 on a presidential pardon" (2015; tests/data/published_figures_research.md,
C1 and C3).

Expected answers, written from the sources before the program was run (today is after
2015-12-31 + 12 months, so the 2014 information is stale):
- right after the 2014 list: 5 in custody today, all 5 held since an unknown day and all 5 last
  confirmed over 12 months ago; on 2014-12-31 (the list's day, "late 2014" read as the year's
  last day) 5 in custody, none stale; on 2014-12-30 none (the registry knows them held from the
  list's day only);
- a person's page: "last known: in custody (as of 2014-12)", "held since: unknown", and no prison
  address offered; the API says the same in fields;
- `audit`: 5 people whose latest information is over 60 months old;
- after Freedom House's release: 5 held on 2015-08-21, none on 2015-08-22, all 5 released by
  pardon today, still told as last known (as of 2015-08)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from politzek.ingest.template import template_csv
from politzek.registry import models as m
from tests.commands import run_politzek_here

pytestmark = pytest.mark.django_db

REVIEW_2014 = "https://docslib.org/doc/1520969/situation-of-human-rights-in-belarus-in-2014"
FREEDOM_HOUSE = "https://freedomhouse.org/article/belarus-releases-six-political-prisoners"
NAMES = ["Mikalai Statkevich", "Mikalai Dziadok", "Ihar Alinevich", "Artsiom Prakapenka", "Yauhen Vaskovich"]


def _write(path, rows):
    header = next(csv.reader(io.StringIO(template_csv())))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        writer.writerows({name: row.get(name, "") for name in header} for row in rows)
    return path


def _list_of_2014(tmp_path):
    rows = [{"source_key": f"viasna-review-2014-{n}", "name": name, "country": "BY", "visibility": "public",
             "detained_on": "unknown", "recognized_by": "viasna", "sources": REVIEW_2014, "as_of": "2014"}
            for n, name in enumerate(NAMES, start=1)]
    done = run_politzek_here("import", "politzek-csv", str(_write(tmp_path / "viasna-2014.csv", rows)))
    assert done.returncode == 0, done.stderr


def _stats(*args):
    done = run_politzek_here("stats", "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_list_of_2014_is_counted_and_said_to_be_old(tmp_path, client):
    _list_of_2014(tmp_path)
    today = _stats()
    assert (today["in_custody"], today["political_prisoners"]) == (5, 5)
    assert (today["held_since_unknown"], today["last_confirmed_long_ago"]) == (5, 5)
    assert "5 last confirmed over 12 months ago, 5 held since a day no source gives" in run_politzek_here(
        "stats").stdout
    on_the_day = _stats("--at", "2014-12-31")
    assert (on_the_day["in_custody"], on_the_day["last_confirmed_long_ago"]) == (5, 0)
    assert _stats("--at", "2014-12-30")["in_custody"] == 0

    statkevich = m.PersonName.objects.get(name="Mikalai Statkevich").person_id
    page = client.get(f"/people/{statkevich}/").content.decode()
    assert "last known: in custody (as of 2014-12)" in page and "held since: unknown" in page
    assert "as of 2014-12: a prison address that old may no longer be right" in page
    api = client.get(f"/api/people/{statkevich}").json()
    assert (api["status"], api["since"], api["since_unknown"], api["information_as_of"], api["stale"]) == (
        "in_custody", None, True, "2014-12-31", True)
    assert api["custody_intervals"] == [{"start": None, "end": None, "release_mode": None, "start_known": False,
                                         "known_held_from": "2014-12-31"}]
    listed = client.get("/?country=BY").content.decode()
    assert listed.count("last known: in custody (as of 2014-12), held since: unknown") == 5
    statistics = client.get("/statistics/?country=BY").content.decode()
    assert ("Today, in custody by the registry&#x27;s record: 5; of them last confirmed over 12 months ago: 5; "
            "held since a day no source gives: 5.") in statistics
    russian = client.get(f"/ru/people/{statkevich}/").content.decode()
    assert "последнее известное: под стражей (по сведениям на 2014-12)" in russian

    audit = json.loads(run_politzek_here("audit", "--json").stdout)
    assert audit["per_country"]["BY"]["stale_people"] == 5
    assert audit["people_by_information_age"]["over 60 months"] == 5


def test_the_pardon_of_august_2015_ends_custody_since_an_unknown_day(tmp_path, client):
    _list_of_2014(tmp_path)
    rows = [{"source_key": f"viasna-review-2014-{n}", "name": name, "country": "BY", "visibility": "public",
             "detained_on": "unknown", "recognized_by": "viasna", "release_mode": "pardon",
             "released_on": "2015-08-22", "sources": FREEDOM_HOUSE, "as_of": "2015-08-22"}
            for n, name in enumerate(NAMES, start=1)]
    done = run_politzek_here("import", "politzek-csv", str(_write(tmp_path / "freedom-house-2015.csv", rows)))
    assert done.returncode == 0, done.stderr
    assert _stats("--at", "2015-08-21")["in_custody"] == 5
    assert _stats("--at", "2015-08-22")["in_custody"] == 0
    today = _stats()
    assert today["by_status"]["released"] == 5 and today["in_custody"] == 0
    statkevich = m.PersonName.objects.get(name="Mikalai Statkevich").person_id
    page = client.get(f"/people/{statkevich}/").content.decode()
    assert "last known: released (by pardon) (as of 2015-08)" in page
    assert m.Event.objects.filter(kind="detained", date_earliest__isnull=True).count() == 5
