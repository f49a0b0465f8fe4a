"""The suite's settings and fixtures: Hypothesis profiles, the PostgreSQL pass's choice of tests,
pytest-django's test database and the databases the `politzek` command tests use (their
workings are in tests/databases.py; the command runners in tests/commands.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import HealthCheck, settings

from tests.databases import (
    TEMPLATE_VARIABLE,
    copy_template_as_test_database,
    drop_database,
    handed_template,
    make_migrated_template,
    new_database,
    running_test,
    uses_database,
)

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Hypothesis profiles. Speed belongs in bench/, so no profile has a deadline or the time-based
# health check: a busy machine must never fail a test. `ci` (set by .ci/run) draws the same
# examples on every run, so a red CI can always be reproduced; `dev` draws new ones each run,
# so a developer's runs keep exploring. Both print the failing example and its blob to replay
# it (@reproduce_failure). A test's own max_examples is its budget in both profiles.
_HYPOTHESIS_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "print_blob": True,
    "max_examples": 100,
}
settings.register_profile("dev", **_HYPOTHESIS_COMMON)
settings.register_profile("ci", **_HYPOTHESIS_COMMON, derandomize=True, database=None)
settings.load_profile(os.environ.get("POLITZEK_HYPOTHESIS_PROFILE", "dev"))

# Parallel workers (pytest-xdist, scripts/test) keep their drawn charts and keys apart: a
# chart's cache key is the state of one database, and two workers hold two databases.
if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("POLITZEK_HOME"):
    os.environ["POLITZEK_HOME"] = str(Path(os.environ["POLITZEK_HOME"]) / os.environ["PYTEST_XDIST_WORKER"])


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, the controller migrates the one template database every worker copies
    (tests/databases.py) before the workers start, so no two processes migrate."""
    workers = config.getoption("numprocesses", default=None)
    if hasattr(config, "workerinput") or not workers or os.environ.get(TEMPLATE_VARIABLE):
        return
    url, made = make_migrated_template()
    os.environ[TEMPLATE_VARIABLE] = handed_template(url, made)
    config.add_cleanup(lambda: drop_database(url))
    config.add_cleanup(lambda: os.environ.pop(TEMPLATE_VARIABLE, None))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="Run only the tests that touch a database (scripts/test's second pass, on PostgreSQL: the "
             "framework-free tests already ran on the first).")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--database-tests-only"):
        kept = [item for item in items if uses_database(item)]
        left_out = [item for item in items if not uses_database(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    running_test[:] = [item]
    return (yield)


@pytest.fixture(scope="session")
def database_vendor() -> str:
    """The kind of database the suite runs on ("sqlite" or "postgresql"). A fixture that
    makes databases with new_database requests it, so its tests run on both kinds."""
    return connection.vendor


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: the list caches key on the refresh marks, and a
    rolled-back test can leave the next one with the same marks over different rows."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """Each test starts in English: a request to /be/… leaves Belarusian active in the thread
    (LocaleMiddleware activates, nothing deactivates), and a later test of the same worker
    calling framework code directly would read Belarusian."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's test database, made as a copy of the migrated template instead of by
    migrating again (several seconds a worker and a pass): Django then finds it up to date
    (keepdb), runs no migration, and the copy is dropped at the end."""
    from django.test.utils import setup_databases

    with django_db_blocker.unblock():
        test_url = copy_template_as_test_database()
        setup_databases(verbosity=request.config.option.verbose, interactive=False, keepdb=True,
                        serialized_aliases=set())
    yield
    with django_db_blocker.unblock():
        connection.close()
        drop_database(test_url)


@pytest.fixture
def fresh_database_url(tmp_path: Path, database_vendor: str) -> Iterator[str]:
    """An empty database, no schema: for what `politzek init` itself does."""
    with new_database(tmp_path) as url:
        yield url


@pytest.fixture
def migrated_database_url(tmp_path: Path, database_vendor: str) -> Iterator[str]:
    """A database as `politzek init` leaves it, with no one in it."""
    with new_database(tmp_path, migrated=True) as url:
        yield url


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (only present next to the project)")
    return SHARED_DATA
