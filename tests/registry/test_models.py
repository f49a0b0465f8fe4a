import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from politzek.registry import models as m
from politzek.registry.history import recorded_change
from politzek.registry.partial_date import PartialDate
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db


def test_partial_dates_round_trip_through_the_database():
    someone = person(birth_date="1985-03")
    detained = event(someone, "detained", "2021-05")
    someone.refresh_from_db()
    detained.refresh_from_db()
    assert someone.birth_date == PartialDate(1985, 3)
    assert detained.date == PartialDate(2021, 5)
    assert detained.date_earliest == dt.date(2021, 5, 1)


def test_ordering_by_partial_date_column_is_time_order():
    someone = person()
    for date in ["2022", "2021-05-03", "2021-05", "2021-12-31"]:
        event(someone, "transferred", date)
    ordered = [str(e.date) for e in m.Event.objects.filter(person=someone).order_by("date")]
    assert ordered == ["2021-05", "2021-05-03", "2021-12-31", "2022"]


def test_invalid_partial_date_is_a_validation_error_naming_the_value():
    someone = person()
    bad = m.Event(person=someone, kind="detained", date="2021-02-30")
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "2021-02-30" in str(error.value)


def test_unknown_event_kind_is_rejected():
    bad = m.Event(person=person(), kind="arrested_by_aliens", date="2021")
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "kind" in error.value.message_dict


def test_impossible_timeline_is_rejected_on_clean():
    someone = person()
    event(someone, "detained", "2021-06-01")
    release = m.Event(person=someone, kind="released_pardon", date="2020-01-01")
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "before the first detention on 2021-06-01" in str(error.value)


def test_events_after_death_are_rejected_on_clean():
    someone = person()
    event(someone, "detained", "2021-06-01")
    event(someone, "died_in_custody", "2023-02-01")
    with pytest.raises(ValidationError):
        m.Event(person=someone, kind="transferred", date="2023-05-01").full_clean()
    # A posthumous recognition is allowed.
    m.Event(person=someone, kind="recognized", date="2023-05-01", organization=organization()).full_clean()


def test_conflicting_sources_are_kept_not_rejected():
    someone = person()
    first, second = m.Source.objects.create(title="A"), m.Source.objects.create(title="B")
    detained = event(someone, "detained", "2021-06-01")
    detained.sources.add(first)
    release = event(someone, "released_pardon", "2020-01-01")
    release.sources.add(second)
    release.full_clean()  # does not raise: two sources disagree, a documenter resolves it


def test_recognition_needs_an_organization_and_known_grounds():
    someone = person()
    with pytest.raises(ValidationError) as error:
        m.Event(person=someone, kind="recognized", date="2021").full_clean()
    assert "organization" in error.value.message_dict
    recognized = event(someone, "recognized", "2021", organization=organization())
    recognition = m.Recognition(event=recognized, grounds=["pace-1900:a", "pace-1900:z"])
    with pytest.raises(ValidationError) as error:
        recognition.full_clean()
    assert "pace-1900:z" in str(error.value)
    m.Recognition(event=recognized, grounds=["pace-1900:a", "hr-guidelines-2013:violence"]).full_clean()


def test_withdrawn_on_reads_the_withdrawal_event():
    someone = person()
    viasna = organization()
    recognized = event(someone, "recognized", "2021-02", organization=viasna)
    recognition = m.Recognition.objects.create(event=recognized, grounds=["pace-1900:a"])
    assert recognition.withdrawn_on is None
    event(someone, "recognition_withdrawn", "2023-04-05", organization=viasna)
    assert recognition.withdrawn_on == PartialDate(2023, 4, 5)


def test_sentence_custodial_kinds():
    case = m.Case.objects.create(jurisdiction="BY")
    someone = person()
    assert m.Sentence(case=case, person=someone, kind="colony").custodial
    assert not m.Sentence(case=case, person=someone, kind="restricted_freedom").custodial
    assert not m.Sentence(case=case, person=someone, kind="colony", in_absentia=True).custodial


def test_every_change_is_in_history_with_actor_and_reason():
    with recorded_change("cli:documenter", "corrected the birth date from the court record"):
        someone = person(birth_date="1980")
        someone.birth_date = "1980-04-02"
        someone.save()
    records = list(someone.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert {r.history_actor for r in records} == {"cli:documenter"}
    assert records[-1].history_change_reason == "corrected the birth date from the court record"
    assert records[0].birth_date == PartialDate(1980)
    assert records[-1].birth_date == PartialDate(1980, 4, 2)


def test_history_without_context_records_unknown_actor():
    someone = person()
    assert someone.history.get().history_actor == "unknown"


@pytest.mark.parametrize("model", [
    m.Person, m.PersonName, m.Event, m.Case, m.Charge, m.Sentence, m.Recognition, m.Facility,
    m.Organization, m.Official, m.Position, m.Sanction, m.CaseRole, m.Deal, m.DealRelease,
    m.Concession, m.ExchangeList, m.ExchangeListEntry, m.AggregateDetention, m.Source,
])
def test_registry_models_keep_history(model):
    assert hasattr(model, "history"), f"{model.__name__} has no history"
