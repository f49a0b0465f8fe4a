"""A woman's timeline reads in a woman's forms (Задержана, Затрыманая, Затримана), a man's in a
man's, on the person page and in her feed; every gendered label has its woman's form in all
three languages."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from politzek.web.public.labels import EVENT_KIND_LABELS_OF_A_WOMAN, WOMAN, event_label
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db

WOMAN_AND_MAN = {
    # language: (detained, sentenced) for a woman, then for a man
    "ru": (("Задержана", "Осуждена"), ("Задержан", "Осуждён")),
    "be": (("Затрыманая", "Асуджаная"), ("Затрыманы", "Асуджаны")),
    "uk": (("Затримана", "Засуджена"), ("Затриманий", "Засуджений")),
}


@pytest.mark.parametrize("language", ["ru", "be", "uk"])
def test_a_timeline_agrees_with_the_person(client, language):
    people = {}
    for gender, name in (("female", "Maryna Testava"), ("male", "Maksim Testau")):
        who = person(name, gender=gender)
        event(who, "detained", "2024-02-01")
        event(who, "sentenced", "2024-09-01")
        people[gender] = who
    hers, his = WOMAN_AND_MAN[language]
    page = client.get(f"/{language}/people/{people['female'].pk}/").content.decode()
    assert all(f"<td>{label}" in page for label in hers), hers
    assert not any(f"<td>{label}<" in page or f"<td>{label} " in page for label in his)
    page = client.get(f"/{language}/people/{people['male'].pk}/").content.decode()
    assert all(f"<td>{label}" in page for label in his), his
    feed = client.get(f"/{language}/people/{people['female'].pk}/feed.atom").content.decode()
    assert hers[0] in feed


# The kinds whose label agrees with the person in all three languages (a past participle or a
# verb in the past: задержан/задержана), and those that do not (a noun: голодовка).
GENDERED = {"abducted", "detained", "remanded", "house_arrest", "released_pretrial", "sentenced", "transferred",
            "punishment_cell", "added_to_register", "recognized", "released_end_of_term", "released_pardon",
            "released_exchange", "released_other", "deported", "disappeared", "died_in_custody", "executed",
            "killed"}


@pytest.mark.parametrize("language", ["ru", "be", "uk"])
def test_every_gendered_label_has_a_womans_form(language):
    from politzek.registry.event_kinds import event_kinds

    assert len(EVENT_KIND_LABELS_OF_A_WOMAN) == len(GENDERED)
    with translation.override(language):
        for code in event_kinds():
            hers, his = event_label(code, "female"), event_label(code, "male")
            if code in GENDERED:
                assert hers != his, (language, code, hers)
            else:
                assert hers == his, (language, code)
        assert pgettext(WOMAN, "Detained") != "Detained"


def test_english_and_unknown_gender_keep_the_plain_label():
    assert event_label("detained", "female") == "Detained"
    with translation.override("ru"):
        assert event_label("detained", "") == "Задержан"
        assert event_label("charged", "female") == "Предъявлено обвинение"  # no gender to agree with
