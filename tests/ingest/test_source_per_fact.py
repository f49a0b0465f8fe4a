"""A source per fact (issue 35, item 4): the template's recognition source is cited by the
recognition only, a verdict's source by the sentence only; the page, the API and the vetting
reasons cite each fact's own source.

On a real record of Viasna's export (../shared/data/viasna/prisoners_sample6.json, first
record): Andrei Chapiuk, arrested 2020-10-02, verdict of 2022-09-06 ("6 years", "imprisonment in
a medium-security penal colony"), Viasna's declaration https://spring96.org/en/news/99936, his
page https://prisoners.spring96.org/en/person/andrej-capiuk. Expected by hand: the recognition
cites the declaration and nothing else; the detention and the sentence cite his page; the
vetting reason for the recognition cites the declaration."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from politzek.bargaining.exchange_list import vet_list
from politzek.ingest.template import template_csv
from politzek.registry import models as m
from politzek.registry.visibility import Viewer
from tests.commands import run_politzek_here

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "viasna" / "prisoners_sample6.json"


@pytest.fixture
def chapiuk():
    if not SAMPLE.exists():
        pytest.skip("../shared/data is not beside this checkout")
    [record] = [r for r in json.loads(SAMPLE.read_text(encoding="utf-8")) if r["name"] == "Andrei Chapiuk"]
    return record


def test_each_fact_cites_its_own_source(chapiuk, tmp_path, client):
    row = {"source_key": "viasna-1", "name": chapiuk["name"], "country": "BY", "visibility": "public",
           "detained_on": chapiuk["arrested"], "sentenced_on": chapiuk["verdict_date"],
           "sentence": f"{chapiuk['decision']} colony", "code_system": "BY-CC", "articles": "341",
           "recognized_by": "viasna", "recognition_sources": chapiuk["declaration"],
           "detention_sources": chapiuk["url"], "sentence_sources": chapiuk["url"]}
    header = next(csv.reader(io.StringIO(template_csv())))
    path = tmp_path / "chapiuk.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        writer.writerow({name: row.get(name, "") for name in header})
    done = run_politzek_here("import", "politzek-csv", str(path))
    assert done.returncode == 0, done.stderr
    person = m.PersonName.objects.get(name="Andrei Chapiuk").person
    cited = {event.kind: sorted(event.sources.values_list("url", flat=True)) for event in person.events.all()}
    assert cited == {"detained": [chapiuk["url"]], "sentenced": [chapiuk["url"]],
                     "recognized": ["https://spring96.org/en/news/99936"]}
    api = client.get(f"/api/people/{person.pk}").json()
    by_kind = {event["kind"]: [source["url"] for source in event["sources"]] for event in api["events"]}
    assert by_kind["recognized"] == ["https://spring96.org/en/news/99936"]
    # The page: each timeline row cites its own sources by number in the list at the end.
    page = client.get(f"/people/{person.pk}/").content.decode()
    numbers = dict(re.findall(r'<li id="source-(\d+)"><a href="([^"]+)"', page))
    rows = {kind.strip(): re.findall(r'href="#source-(\d+)"', row) for kind, row in
            re.findall(r"<tr><td><strong>[^<]*</strong></td><td>([^<]+)(.*?)</tr>", page, re.S)}
    assert [numbers[n] for n in rows["Recognized as a political prisoner"]] == ["https://spring96.org/en/news/99936"]
    assert [numbers[n] for n in rows["Sentenced"]] == [chapiuk["url"]]
    listed = tmp_path / "list.csv"
    listed.write_text("name\nAndrei Chapiuk\n", encoding="utf-8")
    [entry] = vet_list(listed, Viewer.public(), country="BY").entries
    recognition = [reason for reason in entry.vetting.reasons if "recognized by" in reason.fact]
    assert recognition and {reason.source for reason in recognition} == {"https://spring96.org/en/news/99936"}
