"""The importer on a real database: upsert, history, dry run, all-or-nothing, rejected rows."""

from pathlib import Path

import pytest

from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry import models as m

pytestmark = pytest.mark.django_db

HEADER = ("source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
          "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources\n")
ROWS = (
    "p1,Иванов Иван Иванович,Ivan Ivanov,BY,Minsk,m,1980-03,teacher,BY,journalist;anti-war,public,"
    "2021-05-02,2021-11-10,viasna,2021-06,,,https://example.org/a https://example.org/b\n"
    "p2,Петрова Анна,Anna Petrova,RU,,f,1991,,RU,,public,12.03.2023,,memorial,2023-05-01,pardon,2025-09-11,\n"
)
PROFILE = load_profile("politzek-csv")


def write(tmp_path: Path, rows: str = ROWS, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def snapshot():
    return sorted(
        (p.pk, p.occupation, tuple(sorted(str(e.date) for e in p.events.all()))) for p in m.Person.objects.all()
    )


def test_import_creates_people_names_events_and_a_batch(tmp_path):
    result = run_import(PROFILE, write(tmp_path), actor="cli:test")
    assert result.written and (len(result.created), len(result.rejected)) == (2, 0)
    ivanov = m.ExternalKey.objects.get(namespace="politzek-csv", key="p1").person
    assert [n.name for n in ivanov.names.order_by("-is_primary")] == ["Иванов Иван Иванович", "Ivan Ivanov"]
    assert ivanov.names.get(kind="original").script == "Cyrl"
    assert sorted(ivanov.tags.values_list("code", flat=True)) == ["anti-war", "journalist"]
    assert ivanov.sources.count() == 2
    # Each fact of the row cites the row's sources.
    assert all(sorted(e.sources.values_list("url", flat=True)) == ["https://example.org/a", "https://example.org/b"]
               for e in ivanov.events.all())
    assert sorted(e.kind for e in ivanov.events.all()) == ["detained", "recognized", "sentenced"]
    petrova = m.ExternalKey.objects.get(key="p2").person
    assert str(petrova.events.get(kind="detained").date) == "2023-03-12"  # DD.MM.YYYY
    assert petrova.events.get(kind="recognized").organization.code == "memorial"
    batch = m.ImportBatch.objects.get()
    assert (batch.profile, batch.status, sorted(batch.created_ids)) == ("politzek-csv", "done", sorted(result.created))
    assert len(batch.file_sha256) == 64


def test_reimport_updates_instead_of_duplicating_with_history(tmp_path):
    run_import(PROFILE, write(tmp_path), actor="cli:test")
    again = run_import(PROFILE, write(tmp_path), actor="cli:test")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
    edited = ROWS.replace("teacher", "engineer").replace("2021-11-10", "2021-11-12")
    changed = run_import(PROFILE, write(tmp_path, edited), actor="cli:documenter")
    assert (len(changed.created), len(changed.updated), len(changed.unchanged)) == (0, 1, 1)
    assert m.Person.objects.count() == 2
    ivanov = m.ExternalKey.objects.get(key="p1").person
    latest = ivanov.history.latest()
    assert latest.occupation == "engineer"
    assert latest.history_change_reason == f"import #{changed.batch_id}: profile politzek-csv, file people.csv"
    assert latest.history_actor == "cli:documenter"
    sentence = ivanov.events.get(kind="sentenced")
    assert str(sentence.date) == "2021-11-12"
    assert sentence.history.latest().history_change_reason.startswith(f"import #{changed.batch_id}")


def test_reimport_adds_only_what_is_new_and_then_is_unchanged(tmp_path):
    run_import(PROFILE, write(tmp_path), actor="cli:test")
    grown = (ROWS.replace("journalist;anti-war", "journalist;anti-war;lawyer")
             .replace("Ivan Ivanov", "Ivan Ivanou")
             .replace("https://example.org/a https://example.org/b", "https://example.org/a https://example.org/c"))
    changed = run_import(PROFILE, write(tmp_path, grown), actor="cli:test")
    assert (len(changed.created), len(changed.updated), len(changed.unchanged)) == (0, 1, 1)
    ivanov = m.ExternalKey.objects.get(key="p1").person
    assert sorted(ivanov.tags.values_list("code", flat=True)) == ["anti-war", "journalist", "lawyer"]
    assert sorted(ivanov.sources.values_list("url", flat=True)) == [
        "https://example.org/a", "https://example.org/b", "https://example.org/c"]  # sources are never dropped
    assert sorted(ivanov.names.values_list("name", flat=True)) == ["Ivan Ivanou", "Ivan Ivanov", "Иванов Иван Иванович"]
    assert ivanov.events.count() == 3
    again = run_import(PROFILE, write(tmp_path, grown), actor="cli:test")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
    assert ivanov.names.count() == 3 and ivanov.tags.count() == 3 and ivanov.sources.count() == 3


def test_dry_run_counts_and_writes_nothing(tmp_path):
    result = run_import(PROFILE, write(tmp_path), actor="cli:test", dry_run=True)
    assert (len(result.created), result.written) == (2, False)
    assert not m.Person.objects.exists() and not m.ImportBatch.objects.exists()


BAD_ROWS = [
    ("p3,Сидоров,Sidorov,BY,,m,1985-02-30,,,,public,,,,,,,\n", "birth_date", "1985-02-30", "does not exist"),
    ("p3,Сидоров,Sidorov,Belarus,,m,,,,,public,,,,,,,\n", "country", "Belarus", "two-letter country code"),
    ("p3,Сидоров,Sidorov,BY,,x,,,,,public,,,,,,,\n", "gender", "x", "not one of the values"),
    ("p3,Сидоров,Sidorov,BY,,m,,,,,secret,,,,,,,\n", "visibility", "secret", "visibility must be one of"),
    ("p3,Сидоров,Sidorov,BY,,m,,,,,public,2021/05/02,,,,,,\n", "detained_on", "2021/05/02", "not a date"),
    ("p3,Сидоров,Sidorov,,,m,,,,,public,,,,,,,\n", "country", None, "country is required"),
    (",Сидоров,Sidorov,BY,,m,,,,,public,,,,,,,\n", "source_key", None, "source key is empty"),
    ("p1,Сидоров,Sidorov,BY,,m,,,,,public,,,,,,,\n", "source_key", "p1", "repeats the one on row 2"),
    ("p3,Сидоров,Sidorov,BY,,m,,,,,public,2022-01-01,,,,pardon,2021-01-01,\n", "released_on, detained_on",
     "2021-01-01, 2022-01-01", "comes before the first detention"),
]


@pytest.mark.parametrize(("row", "column", "value", "reason"), BAD_ROWS, ids=[b[3] for b in BAD_ROWS])
def test_a_bad_row_rejects_the_whole_import_naming_row_column_and_value(tmp_path, row, column, value, reason):
    before = snapshot()
    result = run_import(PROFILE, write(tmp_path, ROWS + row), actor="cli:test")
    assert not result.written
    assert snapshot() == before == []
    [error] = result.rejected
    assert (error.row, error.column, error.value) == (4, column, value)
    assert reason in error.reason
    assert str(error).startswith(f"{tmp_path / 'people.csv'}, row 4, column '{column}'")


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(tmp_path):
    result = run_import(PROFILE, write(tmp_path, ROWS + BAD_ROWS[0][0]), actor="cli:test", skip_invalid=True)
    assert result.written
    assert (len(result.created), len(result.rejected)) == (2, 1)
    batch = m.ImportBatch.objects.get()
    assert batch.rejected == [{"row": 4, "column": "birth_date", "value": "1985-02-30",
                               "reason": result.rejected[0].reason}]


def test_a_misspelt_header_is_refused_with_a_suggestion(tmp_path):
    from politzek.ingest.errors import ImportError_

    path = tmp_path / "people.csv"
    path.write_text(HEADER.replace("detained_on", "detaned_on") + ROWS, encoding="utf-8")
    with pytest.raises(ImportError_) as error:
        run_import(PROFILE, path, actor="cli:test")
    assert "column 'detained_on': the file has no column 'detained_on'" in str(error.value)
    path.write_text(HEADER.replace("\n", ",extra\n") + ROWS.replace("\n", ",x\n"), encoding="utf-8")
    with pytest.raises(ImportError_) as error:
        run_import(PROFILE, path, actor="cli:test")
    assert "column 'extra' is not one profile politzek-csv knows" in str(error.value)
    assert not m.Person.objects.exists()


def test_a_reimport_never_lowers_a_raised_visibility_nor_empties_private_notes(tmp_path):
    """A documenter raised a person to confidential and wrote notes; the source's file, imported
    again with "public" and no notes, changes neither (writes.update_without_loss)."""
    run_import(PROFILE, write(tmp_path), actor="cli:test")
    ivanov = m.ExternalKey.objects.get(key="p1").person
    ivanov.visibility, ivanov.internal_notes = "confidential", "family asked for discretion"
    ivanov.save()
    run_import(PROFILE, write(tmp_path, ROWS.replace("teacher", "engineer")), actor="cli:test")
    ivanov.refresh_from_db()
    assert (ivanov.occupation, ivanov.visibility, ivanov.internal_notes) == (
        "engineer", "confidential", "family asked for discretion")


RAIDS = """
name = "raids"
format = "csv"
namespace = "raids"
key = "id"

[[names]]
column = "name"

[fields]
country = { value = "IR" }

[[events]]
kind = "killed"
date = "died_on"
unless_contains = { note = ["alive", "released"] }
"""


def test_an_empty_date_is_no_event_unless_the_profile_says_so(tmp_path):
    """A rule that lets rows through by a condition (here: unless the note says alive) used to
    turn every empty date into an event of unknown date: living people were "killed, date
    unknown". Now only `undated = true` keeps such an event."""
    from politzek.ingest.profile import parse_profile

    path = tmp_path / "raids.csv"
    path.write_text("id,name,died_on,note\nr1,Reza Ahmadi,2026-01-09,\nr2,Ali Karimi,,held in Evin\n",
                    encoding="utf-8")
    run_import(parse_profile(RAIDS, "raids.toml"), path, actor="cli:test")
    people = {key: m.ExternalKey.objects.get(key=key).person for key in ("r1", "r2")}
    assert {key: sorted(e.kind for e in p.events.all()) for key, p in people.items()} == {"r1": ["killed"], "r2": []}

    undated = RAIDS.replace('date = "died_on"', 'date = "died_on"\nundated = true')
    run_import(parse_profile(undated.replace('"raids"', '"raids2"'), "raids2.toml"), path, actor="cli:test")
    person = m.ExternalKey.objects.get(namespace="raids2", key="r2").person
    assert [(e.kind, e.date) for e in person.events.all()] == [("killed", None)]


def test_skip_invalid_sets_aside_a_row_with_an_extra_cell(tmp_path):
    """Four rows of a published file had an unquoted comma: --skip-invalid imports the others
    and reports those rows; without it nothing is written and the row is named."""
    slid = "p3,Петров Пётр,Petr Petrov,BY,Minsk,m,1981,,BY,,public,2021-05-03,,,,,,,one too many\n"
    path = write(tmp_path, ROWS + slid)
    refused = run_import(PROFILE, path, actor="cli:test")
    assert not refused.written and [(e.row, e.value) for e in refused.rejected] == [(4, "one too many")]
    result = run_import(PROFILE, path, actor="cli:test", skip_invalid=True)
    assert result.written and len(result.created) == 2
    assert "has 19 cells but the header has 18 columns" in result.rejected[0].reason


def test_malformed_rows_are_set_aside_and_the_rest_imported(tmp_path):
    """A line in another encoding, one cut short, one with an extra cell: each a rejected row
    naming its line, the same count in a dry run and a real one; the rest imported."""
    good = "".join(f"g{i},Колесникова {i},,BY,,,,,,,public,,,,,,,\n" for i in range(12))
    path = tmp_path / "malformed.csv"
    path.write_bytes((HEADER + good).encode() + "c1,Бабарико,,BY,,,,,,,public,,,,,,,\n".encode("cp1251")
                     + b"s1,Short Row\n" + b"x1,Extra Cell,,BY,,,,,,,public,,,,,,,,surplus\n")
    dry = run_import(PROFILE, path, actor="test", dry_run=True, skip_invalid=True)
    real = run_import(PROFILE, path, actor="test", skip_invalid=True)
    assert [(e.row, e.reason.split(" (")[0]) for e in real.rejected] == [
        (14, "line 14 is not UTF-8"), (15, "has 2 cells but the header has 18 columns"),
        (16, "has 19 cells but the header has 18 columns")]
    assert len(dry.rejected) == len(real.rejected) == 3 and len(real.created) == 12
    assert not run_import(PROFILE, path, actor="test").written  # without --skip-invalid: nothing


def test_rows_are_written_a_chunk_at_a_time_as_they_are_read(tmp_path, monkeypatch):
    """Memory holds a chunk, not the file: the first chunk is written before the reader has
    gone further than one chunk; a bad row late in the file still rolls everything back."""
    from politzek.ingest import importer, writer

    monkeypatch.setattr(importer, "CHUNK", 50)
    read = []
    real_read, real_write = importer.read_rows, writer.RecordWriter.write_many

    def counting_read(*args, **kwargs):
        for row in real_read(*args, **kwargs):
            read.append(row.number)
            yield row

    written_after = []

    def noting_write(self, records, batch):
        written_after.append(len(read))
        return real_write(self, records, batch)

    monkeypatch.setattr(importer, "read_rows", counting_read)
    monkeypatch.setattr(writer.RecordWriter, "write_many", noting_write)
    rows = "".join(f"c{i},Колесникова {i},,BY,,,,,,,public,,,,,,,\n" for i in range(500))
    result = run_import(PROFILE, write(tmp_path, rows), actor="test", check_duplicates=False)
    assert result.written and len(result.created) == 500
    assert written_after[0] <= 51 and len(written_after) == 10
    bad = rows + "c999,Late Row,,Belarus,,,,,,,public,,,,,,,\n"
    refused = run_import(PROFILE, write(tmp_path, bad, "late.csv"), actor="test")
    assert not refused.written and [e.row for e in refused.rejected] == [502]
    assert m.Person.objects.count() == 500 and not m.ExternalKey.objects.filter(key="c999").exists()
