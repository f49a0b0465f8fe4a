"""Event kinds are data: the bundled ones (a hostage's abduction, a body returned, a hearing
scheduled) act on custody as the file says, and a registry adds its own in a file named by
POLITZEK_EVENT_KINDS, with no migration, checked when read."""

import pytest
from django.core.exceptions import ValidationError

from politzek.registry import event_kinds as kinds_module
from politzek.registry.event_kinds import EventKindsError, event_kinds
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import TimelineEvent, derive
from tests.registry.factories import event, person


def _derive(*events):
    return derive([TimelineEvent(kind=kind, date=PartialDate.parse(day), id=i) for i, (kind, day) in enumerate(events)])


def test_a_hostage_is_held_from_the_abduction_and_a_returned_body_follows_a_death():
    held = _derive(("abducted", "2023-10-07"))
    assert held.status.in_custody and held.intervals[0].start.isoformat() == "2023-10-07"
    released = _derive(("abducted", "2023-10-07"), ("released_other", "2023-11-24"))
    assert not released.status.in_custody
    dead = _derive(("abducted", "2023-10-07"), ("died_in_custody", "2024-01-10"), ("body_returned", "2024-06-01"))
    assert dead.status.status == "died"  # a body returned after the death is no timeline error


@pytest.fixture
def own_kinds(tmp_path, monkeypatch):
    def use(text):
        path = tmp_path / "kinds.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("POLITZEK_EVENT_KINDS", str(path))
        event_kinds.cache_clear()
        return path

    yield use
    monkeypatch.delenv("POLITZEK_EVENT_KINDS", raising=False)
    event_kinds.cache_clear()


@pytest.mark.django_db
def test_a_registry_adds_its_own_kind_without_a_migration(own_kinds):
    own_kinds('[psychiatric_confinement]\nlabel = "Confined to a psychiatric hospital"\ncustody = "within"\n'
              'order = 45\n')
    assert event_kinds()["psychiatric_confinement"].custody == "within"
    who = person("Test Person")
    event(who, "detained", "2024-01-01")
    confined = event(who, "psychiatric_confinement", "2024-03-01")
    confined.full_clean()  # a known kind for the model's own check
    assert str(confined) == "Confined to a psychiatric hospital 2024-03-01"


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_by_the_model():
    who = person("Test Person")
    with pytest.raises(ValidationError, match="'teleported' is not an event kind"):
        event(who, "teleported", "2024-01-01").full_clean()


@pytest.mark.parametrize(("text", "message"), [
    ('[detained]\nlabel = "x"\ncustody = "enter"\norder = 1\n', "detained: a bundled kind"),
    ('[exiled]\nlabel = "Exiled"\ncustody = "away"\norder = 1\n', "exiled: unknown custody effect 'away'"),
    ('[exiled]\nlabel = "Exiled"\norder = 1\n', "exiled: 'custody' is required"),
    ('[exiled]\nlabel = "Exiled"\ncustody = "none"\norder = 1\ncolour = "red"\n', "exiled.colour: unknown key"),
    ('[Exiled-Abroad]\nlabel = "x"\ncustody = "none"\norder = 1\n', "a kind code is lowercase"),
    ("[exiled\n", "not valid TOML"),
])
def test_a_bad_kinds_file_is_named_with_the_kind_and_key(own_kinds, text, message):
    path = own_kinds(text)
    with pytest.raises(EventKindsError, match=message) as raised:
        event_kinds()
    assert str(path) in str(raised.value) or "event_kinds.toml" in str(raised.value)


def test_the_bundled_file_reads():
    assert kinds_module.event_kinds()["hearing_scheduled"].custody == "none"
