"""One small demo registry (300 synthetic people) shared by the command tests that only read
it or add what no other test reads (officials, cost, simulate): building one costs a dozen
seconds on each database."""

from __future__ import annotations

import pytest

from tests.commands import run_politzek
from tests.databases import new_database

DEMO_PEOPLE = 300


@pytest.fixture(scope="session")
def demo(tmp_path_factory, database_vendor):
    with new_database(tmp_path_factory.mktemp("demo-300"), migrated=True) as url:
        assert run_politzek("demo", "--people", str(DEMO_PEOPLE), db=url).returncode == 0
        yield url
