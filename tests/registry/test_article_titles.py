"""Article titles as published (registry/data/article_titles.toml, gathered with their sources by
a helper apart from the code): every title keeps its sources, and pages show a charge's title in
the reader's language (issue 35, item 5), here on Viasna's real export
(../shared/data/viasna/prisoners_sample6.json: Andrei Chapiuk's first charge is "Art. 341 of the
Criminal Code — Desecration of structures and damage to property")."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry.article_titles import article_title, code_for

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "viasna" / "prisoners_sample6.json"


def test_every_title_keeps_its_sources():
    data = tomllib.loads(resources.files("politzek.registry").joinpath("data/article_titles.toml")
                         .read_text(encoding="utf-8"))["articles"]
    keys = [(entry["code"], entry["article"]) for entry in data]
    assert len(keys) == len(set(keys)) >= 30
    assert {code for code, _article in keys} == {"BY-CC", "RU-CC"}
    for entry in data:
        assert entry["sources"] and all(url.startswith(("http://", "https://")) for url in entry["sources"]), entry
        assert entry.get("en") or entry.get("ru"), entry


def test_a_title_in_the_readers_language_or_the_nearest_published():
    assert article_title("BY-CC", "341", "en") == "Desecration of structures and damage to property"
    assert article_title("BY-CC", "341", "ru") == "Осквернение сооружений и порча имущества"
    assert article_title("BY-CC", "341", "be") == "Осквернение сооружений и порча имущества"  # the code's language
    assert article_title("BY-CC", "9999", "en") == ""
    # No English label on a Russian, Belarusian or Ukrainian page: the number alone instead.
    assert article_title("BY-CC", "198", "en") and article_title("BY-CC", "198", "ru") == ""
    assert article_title("BY-CC", "198", "uk") == ""
    assert code_for("207.3") == "RU-CC" and code_for("342", "by") == "BY-CC"


@pytest.mark.django_db
def test_the_article_facet_and_the_case_page_show_titles(client):
    if not SAMPLE.exists():
        pytest.skip("../shared/data is not beside this checkout")
    result = run_import(load_profile("viasna"), SAMPLE, actor="test")
    assert result.written and not result.rejected, result.rejected
    english = client.get("/?country=BY").content.decode()
    assert ">341 — Desecration of structures and damage to property</a>" in english
    russian = client.get("/ru/?country=BY").content.decode()
    assert ">341 — Осквернение сооружений и порча имущества</a>" in russian
    from politzek.registry import models as m

    case = m.Charge.objects.filter(article="341").first().case
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "art. 341, CC of Belarus — Desecration of structures and damage to property" in page
    page = client.get(f"/ru/cases/{case.pk}/").content.decode()
    assert "ст. 341 УК РБ — Осквернение сооружений и порча имущества" in page
    # On a Belarusian page the code's own Russian title, marked as Russian.
    page = client.get(f"/be/cases/{case.pk}/").content.decode()
    assert 'арт. 341 КК РБ — <span lang="ru" translate="no">Осквернение сооружений и порча имущества</span>' in page


@pytest.mark.parametrize(("language", "stored", "shown"), [
    ("ru", "BY-CC 342 part 1", "ч. 1 ст. 342 УК РБ"),
    ("be", "BY-CC 342 part 1", "ч. 1 арт. 342 КК РБ"),
    ("uk", "RU-CC 207.3 part 2", "ч. 2 ст. 207.3 КК РФ"),
    ("en", "RU-CC 280.3", "art. 280.3, CC of Russia"),
    ("ru", "AZ-CC 168", '<span translate="no">AZ-CC 168</span>'),  # a code nobody named: as written
])
def test_a_charge_is_named_as_the_pages_language_writes_it(language, stored, shown):
    from django.utils.translation import override

    from politzek.web.public.charge_words import charge_name

    with override(language):
        assert charge_name(stored) == shown
