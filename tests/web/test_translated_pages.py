"""Every public page read in Russian, Belarusian and Ukrainian has no English left: labels,
statuses, event kinds, roles, countries, charts' alt texts and messages are translated, and what
stays as written (names, sources, court and facility names, descriptions) is marked
translate="no" (tests/web/untranslated.py). On a demo registry, so every kind of page and
record is there."""

from __future__ import annotations

import re

import pytest

from politzek.demo.generator import create_demo
from politzek.registry import models as m
from tests.web.untranslated import english_snippets, english_words, generated_english, grammar_slips, stored_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(settings, database_vendor):
    if database_vendor != "sqlite":
        # Words come from templates and catalogues, never from the database: the SQLite pass
        # reads every page in every language (on PostgreSQL these took 20–150 s of one worker).
        pytest.skip("translations do not depend on the database; checked on the SQLite pass")
    settings.SIMULATOR_PAGE_RUNS = 10
    create_demo(people=80, seed=4)


def _pages(client) -> list[str]:
    person = next(p for p in m.Person.objects.filter(visibility="public", consent__in=["yes", "unknown"])
                  .order_by("id") if p.sentences.exists() and p.events.filter(organization__isnull=False).exists())
    case = m.Case.objects.filter(defendants=person).first()
    facility = m.Facility.objects.filter(events__person=person).first()
    official = m.Official.objects.filter(case_roles__case=case).first()
    deal = m.Deal.objects.filter(releases__isnull=False).order_by("id").first()
    held = next(p for p in m.Person.objects.filter(visibility="public", consent__in=["yes", "unknown"])
                .order_by("id") if client.get(f"/people/{p.pk}/").context["letters"])
    freed = m.Event.objects.filter(deal__isnull=False, person__visibility="public",
                                   person__consent__in=["yes", "unknown"]).order_by("id").first().person_id
    return [f"/people/{freed}/",
            "/", "/?q=Kavalenka", "/?q=zzzzqq", "/?status=released", f"/people/{person.pk}/", f"/cases/{case.pk}/",
            f"/facilities/{facility.pk}/", f"/officials/{official.pk}/", "/statistics/", "/statistics/?country=BY",
            "/deals/", f"/deals/{deal.pk}/", "/accountability/", "/simulator/", "/this-week/", "/no-such-page/",
            f"/people/{held.pk}/letter/"]


@pytest.mark.parametrize("language", ["ru", "be", "uk"])
def test_no_english_left_on_any_public_page(client, demo, language):
    left = {}
    stored = stored_text()
    for path in _pages(client):
        response = client.get(f"/{language}{path}")
        assert response.status_code in (200, 404), path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        snippets = english_snippets(html)
        if snippets:
            left[path] = sorted(set(snippets))[:8]
        # Inside translate="no" too: only words the database holds (names, sources, what a
        # documenter wrote), never a sentence the program wrote in English.
        if generated := generated_english(html, language, stored):
            left[path + " (translate=no)"] = sorted(set(generated))[:8]
        # Numbers as the language writes them: "4 недель", "83 людей", "0.50" beside "9,3" and
        # "г.." were what readers noticed (tests/web/untranslated.grammar_slips).
        if slips := grammar_slips(html):
            left[path + " (numbers)"] = slips[:6]
    assert left == {}


def test_the_grammar_check_finds_the_slips_it_names():
    page = '<p>за 4 недель, 21 людей, 0.50; 2026 г.. конец</p><p translate="no">ст. 280.3</p><p>4 недели</p>'
    assert [slip.split(":")[0] for slip in grammar_slips(page)] == [
        "a 'many' plural after 2–4", "a plural after 1", "a decimal point where the language writes a comma",
        "a doubled full stop"]


def test_the_check_finds_english_and_respects_translate_no():
    page = ('<html><body><p>Статус: released</p><a translate="no" href="/">Ivan Petrov</a>'
            '<img alt="Stock chart"><p>politzek · CSV</p></body></html>')
    assert english_words(page) == ["released", "Stock", "chart"]


def test_the_check_reads_inside_translate_no_for_words_the_database_does_not_hold():
    page = ('<html lang="ru"><body><a translate="no" href="/">Ivan Petrov</a>'
            '<p translate="no">Deals: every 25 weeks <cite>Brandt, George &amp; Sandler (2016)</cite></p>'
            '<a lang="en" translate="no" href="/en/">English</a><td translate="no">Released in the deal: X</td>'
            '<span translate="no">ul. Lenina 5, memopzk.org</span></body></html>')
    stored = "ivan petrov\nul. lenina 5\nx"
    assert generated_english(page, "ru", stored) == ["Deals: every 25 weeks", "Released in the deal: X"]


def test_the_english_page_shows_latin_names_first_and_the_russian_page_cyrillic(client, demo):
    person = m.Person.objects.filter(visibility="public").exclude(consent="no").order_by("id").first()
    heading = re.compile(r"<h1><span translate=\"no\">([^<]+)</span>")
    latin = heading.search(client.get(f"/people/{person.pk}/").content.decode())
    cyrillic = heading.search(client.get(f"/ru/people/{person.pk}/").content.decode())
    assert re.search("[A-Za-z]", latin.group(1)) and re.search("[А-Яа-яІіЎў]", cyrillic.group(1))


@pytest.mark.parametrize("language", ["ru", "be", "uk"])
def test_no_english_left_on_the_staff_pages(client, demo, language):
    """The staff workspace at /ru/staff/, /be/staff/, /uk/staff/ reads in that language too:
    forms, choices, history, audit, proposals (names and sources as written)."""
    from tests.registry.factories import staff

    client.force_login(staff("rhea", "reviewer"))
    person = m.Person.objects.order_by("id").first()
    paths = ["/staff/", "/staff/audit/", "/staff/duplicates/", "/staff/merges/", "/staff/vet/", "/staff/deals/new/",
             "/staff/lists/", "/staff/proposals/", "/staff/officials/matches/", "/staff/people/new/",
             f"/staff/people/{person.pk}/history/", f"/staff/people/{person.pk}/events/new/",
             f"/staff/people/{person.pk}/sources/new/", f"/staff/people/{person.pk}/edit/", f"/people/{person.pk}/",
             f"/staff/events/{person.events.order_by('id').first().pk}/edit/"]
    left = {}
    stored = stored_text()
    for path in paths:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        snippets = english_snippets(response.content.decode())
        if snippets:
            left[path] = sorted(set(snippets))[:8]
        if generated := generated_english(response.content.decode(), language, stored):
            left[path + " (translate=no)"] = sorted(set(generated))[:8]
    assert left == {}


def test_values_nobody_translated_are_shown_as_written_not_flagged(client):
    """Real files carry regions and tags no data file translates (Iran's "Qiamdasht, Southeast
    Tehran", Viasna's "viasna-np"): the list's filters show them as written, marked as data."""
    from tests.registry.factories import event, person

    someone = person("Ali Rezaei", country="IR", region="Qiamdasht, Southeast Tehran")
    someone.tags.create(code="viasna-np", label="viasna np")
    event(someone, "detained", "2026-01-10")
    html = client.get("/ru/").content.decode()
    assert "Qiamdasht, Southeast Tehran" in html and "viasna np" in html
    assert english_snippets(html) == []


@pytest.mark.parametrize("language", ["ru", "be", "uk"])
def test_people_and_officials_are_named_in_the_pages_script(client, demo, language):
    """/ru/this-week/ linked 147 of 147 people by their Latin names, a deal page 12 of 12, the
    accountability page its officials, an official's page its h1: every link to a person or an
    official with a Cyrillic name shows that name on a Cyrillic page."""
    cyrillic = re.compile("[А-Яа-яІіЎўЄєЇї]")
    written = {("people", p): [n.name for n in m.PersonName.objects.filter(person_id=p)]
               for p in m.Person.objects.values_list("id", flat=True)}
    written |= {("officials", o): [n.name for n in m.OfficialName.objects.filter(official_id=o)]
                for o in m.Official.objects.values_list("id", flat=True)}
    deal = m.Deal.objects.filter(releases__person__isnull=False).order_by("id").first()
    official = m.Official.objects.filter(names__name__regex="[А-Яа-я]").order_by("id").first()
    link = re.compile(r'href="/' + language + r'/(people|officials)/(\d+)/"[^>]*>([^<]+)<')
    checked = 0
    tried = m.Case.objects.filter(roles__official__names__name__regex="[А-Яа-я]", defendants__visibility="public") \
        .exclude(defendants__consent="no").first()
    defendant = tried.defendants.filter(visibility="public").exclude(consent="no").first()
    for path in ("/this-week/", f"/deals/{deal.pk}/", "/accountability/", f"/officials/{official.pk}/",
                 f"/people/{defendant.pk}/"):
        html = client.get(f"/{language}{path}").content.decode()
        for kind, pk, text in link.findall(html):
            if any(cyrillic.search(name) for name in written.get((kind, int(pk)), [])):
                assert cyrillic.search(text), (path, text)
                checked += 1
        if path.startswith("/officials/"):
            heading = re.search(r'<h1><span translate="no">([^<]+)</span>', html).group(1)
            assert cyrillic.search(heading), heading
    assert checked >= 10


@pytest.mark.parametrize("language", ["ru", "en"])
def test_courts_and_facilities_carry_their_local_names_on_cyrillic_pages(client, demo, language):
    """/ru/facilities/28/ was headed "Penal colony No. 16, Baranovichi" and timelines named the
    "Leninsky District Court of Minsk": a Russian page shows the local names the record holds,
    an English page the English ones."""
    cyrillic = re.compile("[А-Яа-я]")
    facility = m.Facility.objects.exclude(name_local="").order_by("id").first()
    html = client.get(f"/{language}/facilities/{facility.pk}/" if language != "en" else
                      f"/facilities/{facility.pk}/").content.decode()
    heading = re.search(r'<h1><span translate="no">([^<]+)</span>', html).group(1)
    assert bool(cyrillic.search(heading)) is (language == "ru"), heading
    tried = m.Case.objects.filter(court__isnull=False, defendants__visibility="public").exclude(
        court__name_local="").exclude(defendants__consent="no").select_related("court").first()
    court, held = tried.court, tried.defendants.filter(visibility="public").exclude(consent="no").first()
    page = client.get(f"/{language}/people/{held.pk}/" if language != "en" else f"/people/{held.pk}/").content.decode()
    assert (court.name_local if language == "ru" else court.name) in page


def test_the_russian_list_is_in_the_order_a_cyrillic_reader_reads(client, demo):
    """/ru/ was sorted by the Latin given name, so it looked random in Cyrillic: sorted by name,
    the Russian list runs in Cyrillic alphabetical order, the English one in Latin order."""
    link = re.compile(r'<a href="(?:/ru)?/people/\d+/"[^>]*>([^<]+)</a>')
    for prefix, script in (("/ru", "[А-Яа-яЁёІіЎў]"), ("", "[A-Za-z]")):
        shown = link.findall(client.get(f"{prefix}/", {"sort": "name"}).content.decode())
        written = [name for name in shown if re.match(script, name)]
        assert len(written) >= 10 and len(written) >= len(shown) * 0.8, (prefix, shown[:5])
        assert written == sorted(written, key=str.casefold), (prefix, written[:8])


@pytest.mark.parametrize("language", ["ru", "be"])
def test_every_phone_chart_is_readable_in_the_language(client, demo, language):
    """Long Russian and Belarusian titles, legends and region names widened the phone drawings
    past the phone and shrank their text to 7–10 px on the demo: every phone drawing's smallest
    text is 11 CSS px or more on a 390-px phone (tests/web/chart_text.py)."""
    from tests.web.chart_text import READABLE_PX, smallest_text_px

    charts = [f"/statistics/charts/{name}.svg" for name in ("stock", "inflow-outflow", "releases-by-mode",
                                                              "stock-by-region")]
    charts += ["/accountability/index.svg", "/simulator/held.svg", "/simulator/tornado.svg"]
    deal = m.Deal.objects.order_by("id").first()
    charts.append(f"/deals/{deal.pk}/impact.svg")
    small = {}
    for chart in charts:
        svg = b"".join(client.get(f"/{language}{chart}", {"size": "phone"}).streaming_content)
        if (px := smallest_text_px(svg)) < READABLE_PX:
            small[chart] = round(px, 1)
    assert small == {}
