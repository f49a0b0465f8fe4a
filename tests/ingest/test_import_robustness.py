"""An import is all or nothing: killed part-way, or fed garbage, the database is unchanged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politzek.ingest.errors import ImportError_
from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry import models as m
from tests.commands import run_politzek
from tests.ingest.test_importer import HEADER
from tests.test_backup import table_digests

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


def many_rows(count: int) -> str:
    return "".join(
        f"k{i},Иванов Иван {i},Ivan Ivanov {i},BY,Minsk,m,1980-03,teacher,BY,journalist,public,"
        f"2021-05-02,2021-11-10,viasna,2021-06,,,https://example.org/{i}\n"
        for i in range(count)
    )


# The real `politzek import` in a child process, stopped at a chosen point inside its
# transaction: after writing chunk N (the importer writes 40 rows a chunk here instead of
# 2,000, so a small file spans several chunks), or with every row written and only the commit
# left. It says where it stands on stdout and waits there to be killed, so each kill lands at
# a known point whatever the machine's speed.
PAUSING_IMPORT = """
import sys, time
from politzek.cli.common import setup_django

setup_django()
from politzek.ingest import importer

importer.CHUNK = 40
stop_at = sys.argv.pop(1)
write_many = importer.RecordWriter.write_many
written = []

def pause(where):
    print(where, flush=True)
    time.sleep(600)

def write_and_maybe_pause(self, records, batch):
    write_many(self, records, batch)
    written.append(len(records))
    if stop_at == f"chunk {len(written)}":
        pause(stop_at)

flag_duplicates_of = importer.flag_duplicates_of

def flag_then_pause(*args, **kwargs):
    found = flag_duplicates_of(*args, **kwargs)
    if stop_at == "before commit":
        pause(stop_at)
    return found

importer.RecordWriter.write_many = write_and_maybe_pause
importer.flag_duplicates_of = flag_then_pause
from politzek.cli import main
sys.argv[0] = "politzek"
main()
"""


def test_sigkill_part_way_leaves_the_database_as_it_was(migrated_database_url, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(HEADER + many_rows(20), encoding="utf-8")
    assert run_politzek("import", "politzek-csv", str(first), db=migrated_database_url).returncode == 0
    before = table_digests(migrated_database_url)
    # Rows 0-19 update the people imported above; the others are new: both kinds are in flight.
    big = tmp_path / "big.csv"
    big.write_text(HEADER + many_rows(150), encoding="utf-8")
    script = tmp_path / "pausing_import.py"
    script.write_text(PAUSING_IMPORT, encoding="utf-8")
    env = {**os.environ, "POLITZEK_DATABASE_URL": migrated_database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for stop_at in ("chunk 1", "chunk 3", "before commit"):
        process = subprocess.Popen([sys.executable, str(script), stop_at, "import", "politzek-csv", str(big)],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            reached = process.stdout.readline().strip()
            assert reached == stop_at, f"the import never reached {stop_at!r}: {process.stderr.read()[-2000:]}"
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert table_digests(migrated_database_url) == before, f"killed at {stop_at}"
    # The database is still healthy: the same import runs to the end.
    finished = run_politzek("import", "politzek-csv", str(first), db=migrated_database_url)
    assert finished.returncode == 0 and "unchanged 20" in finished.stdout


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
csv_texts = st.lists(st.lists(cells, min_size=0, max_size=20), max_size=6).map(
    lambda rows: HEADER + "".join(",".join(row) + "\n" for row in rows))


@pytest.mark.django_db
# The profile's suppressed health checks (tests/conftest.py) plus the fixture one.
@settings(max_examples=150, deadline=None,
          suppress_health_check=[*settings().suppress_health_check, HealthCheck.function_scoped_fixture])
@given(text=st.one_of(csv_texts, st.binary(max_size=300).map(lambda b: HEADER.encode() + b)))
def test_fuzzed_csv_never_crashes_and_never_half_writes(tmp_path, text):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    people_before = m.Person.objects.count()
    try:
        result = run_import(load_profile("politzek-csv"), path, actor="cli:fuzz")
    except ImportError_ as error:
        assert str(error)  # a clear message, never a traceback
        assert m.Person.objects.count() == people_before
        return
    if result.rejected:
        assert not result.written and m.Person.objects.count() == people_before
        assert all(e.reason for e in result.rejected)
    else:
        assert m.Person.objects.count() == people_before + len(result.created)
