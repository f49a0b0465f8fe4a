import json

import pytest

from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek, run_politzek_here

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


def test_export_ftm_command(demo, tmp_path):
    # The shared demo registry (tests/cli/conftest.py): exports only read it.
    out = tmp_path / "registry.ftm.json"
    result = run_politzek("export", "ftm", str(out), db=demo)
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert f"wrote {len(lines)} ftm entities" in result.stdout
    assert all(json.loads(line)["schema"] for line in lines)
    again = run_politzek("export", "ftm", str(out), db=demo)
    assert again.returncode == 2 and "already exists" in again.stderr
    unknown = run_politzek_here("export", "xml", str(tmp_path / "x.xml"))
    assert unknown.returncode == 2 and ONE_LINE_ERROR.match(unknown.stderr)
    assert "'xml' is not an export format" in unknown.stderr


def test_export_csv_and_sqlite_commands(demo, tmp_path):
    import sqlite3
    folder = tmp_path / "tables"
    result = run_politzek("export", "csv", str(folder), "--base-url", "https://example.org", db=demo)
    assert result.returncode == 0, result.stderr
    assert (folder / "people.csv").read_text(encoding="utf-8").count("https://example.org/people/") > 0
    database = tmp_path / "registry.sqlite"
    result = run_politzek("export", "sqlite", str(database), db=demo)
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(database).execute("SELECT count(*) FROM people").fetchone()[0] > 0
    assert not (tmp_path / "registry.sqlite.partial").exists()
