"""OVD-Info counts become AggregateDetention rows, never people (../shared/data/ovdinfo)."""

import datetime as dt

import pytest
from django.db.models import Sum

from politzek.ingest.errors import ImportError_
from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry import models as m

pytestmark = pytest.mark.django_db
FILES = [("ovdinfo-events-2011-2012", "detention_events_2011_2012.csv", 228),
         ("ovdinfo-events-2013", "detention_events_2013.csv", 235),
         ("ovdinfo-report-data", "report-data_data.csv", 180)]


@pytest.mark.parametrize(("profile", "file", "rows"), FILES)
def test_each_ovdinfo_table_imports_as_counts(shared_data, profile, file, rows):
    result = run_import(load_profile(profile), shared_data / "ovdinfo" / file, actor="cli:test")
    assert (len(result.created), result.rejected) == (rows, [])
    assert m.AggregateDetention.objects.count() == rows
    assert not m.Person.objects.exists()
    again = run_import(load_profile(profile), shared_data / "ovdinfo" / file, actor="cli:test")
    assert (len(again.created), len(again.unchanged)) == (0, rows)


def test_first_row_of_2011_values(shared_data):
    run_import(load_profile("ovdinfo-events-2011-2012"), shared_data / "ovdinfo" / "detention_events_2011_2012.csv",
               actor="cli:test")
    first = m.AggregateDetention.objects.get(source_key="ovdinfo-events-2011-2012:1")
    assert (first.date_earliest, first.detained_count, first.country) == (dt.date(2011, 12, 4), 198, "RU")
    assert first.occasion == 'Gathering "People against illegal elections!"'
    assert first.source.url == "http://namarsh-ru.livejournal.com/6144795.html"


def test_all_three_tables_side_by_side(shared_data):
    for profile, file, _rows in FILES:
        run_import(load_profile(profile), shared_data / "ovdinfo" / file, actor="cli:test")
    assert m.AggregateDetention.objects.count() == 228 + 235 + 180
    assert m.AggregateDetention.objects.aggregate(total=Sum("detained_count"))["total"] > 0


def test_the_wrong_profile_for_a_file_names_the_missing_column(shared_data):
    with pytest.raises(ImportError_) as error:
        run_import(load_profile("ovdinfo-events-2013"), shared_data / "ovdinfo" / "detention_events_2011_2012.csv",
                   actor="cli:test")
    assert "row 1, column 'region': the file has no column 'region'" in str(error.value)
    assert not m.AggregateDetention.objects.exists()
