"""`politzek match NAME` against the registry: the matcher's own word keys find the
Belarusian form of a Russian-spelled name that the phonetic search keys miss."""

from __future__ import annotations

import pytest

from politzek.names.search_keys import search_keys
from politzek.registry.candidates import candidates
from politzek.registry.visibility import Viewer
from tests.registry.factories import person

pytestmark = pytest.mark.django_db


def test_a_belarusian_form_is_found_from_the_russian_spelling():
    assert not set(search_keys("Marchenko")) & set(search_keys("Марчанка"))  # phonetics alone miss it
    wanted = person("Марчанка Ігар", birth_date="1971")
    person("Ivanov Petr")
    found = candidates("Igor Marchenko", Viewer.public(), "1971-05-02")
    assert found[0].person_id == wanted.pk and found[0].match.same


def test_a_restricted_person_is_never_a_public_candidate():
    person("Марчанка Ігар", visibility="restricted")
    assert candidates("Igor Marchenko", Viewer.public()) == []
