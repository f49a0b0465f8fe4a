"""An import is all or nothing: killed part-way, or fed garbage, the database is unchanged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politzek.ingest.errors import ImportError_
from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry import models as m
from tests.conftest import run_politzek
from tests.ingest.test_importer import HEADER
from tests.test_backup import table_digests


def many_rows(count: int) -> str:
    return "".join(
        f"k{i},Иванов Иван {i},Ivan Ivanov {i},BY,Minsk,m,1980-03,teacher,BY,journalist,public,"
        f"2021-05-02,2021-11-10,viasna,2021-06,,,https://example.org/{i}\n"
        for i in range(count)
    )


def test_sigkill_part_way_leaves_the_database_as_it_was(fresh_database_url, tmp_path):
    assert run_politzek("init", db=fresh_database_url).returncode == 0
    first = tmp_path / "first.csv"
    first.write_text(HEADER + many_rows(20), encoding="utf-8")
    assert run_politzek("import", "politzek-csv", str(first), db=fresh_database_url).returncode == 0
    before = table_digests(fresh_database_url)
    # Big enough that no kill below can come after the commit, so every kill lands inside the
    # transaction: 30,000 rows committed after about 10 s on 2026-12-01 (the bulk writer is
    # fast), too close to the last kill; 100,000 take over half a minute.
    big = tmp_path / "big.csv"
    big.write_text(HEADER + many_rows(100_000), encoding="utf-8")
    env = {**os.environ, "POLITZEK_DATABASE_URL": fresh_database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for delay in (0.5, 1.5, 2.5, 3.5, 5.0, 7.0, 10.0):
        process = subprocess.Popen([sys.executable, "-m", "politzek", "import", "politzek-csv", str(big)],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        assert process.poll() is None, "the import finished before it could be killed; make the file bigger"
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert table_digests(fresh_database_url) == before, f"killed after {delay} s"
    # The database is still healthy: the same import runs to the end.
    finished = run_politzek("import", "politzek-csv", str(first), db=fresh_database_url)
    assert finished.returncode == 0 and "unchanged 20" in finished.stdout


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
csv_texts = st.lists(st.lists(cells, min_size=0, max_size=20), max_size=6).map(
    lambda rows: HEADER + "".join(",".join(row) + "\n" for row in rows))


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
