import pytest

from politzek.database import DatabaseURLError, database_settings, describe


def test_sqlite_url():
    config = database_settings("sqlite:////var/lib/politzek/registry.db")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/var/lib/politzek/registry.db"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


@pytest.mark.parametrize("url", ["postgresql://politzek:secret@db.example:5433/registry",
                                 "postgres://politzek:secret@db.example:5433/registry"])
def test_postgresql_url(url):
    config = database_settings(url)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    parts = (config["NAME"], config["USER"], config["HOST"], config["PORT"])
    assert parts == ("registry", "politzek", "db.example", 5433)
    assert "secret" not in describe(url)
    assert describe(url) == "PostgreSQL database registry on db.example:5433"


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://root@localhost/x", "is not SQLite or PostgreSQL"),
    ("sqlite://", "names no file"),
    ("not a url", "cannot be read"),
])
def test_bad_urls_name_the_url(url, message):
    with pytest.raises(DatabaseURLError) as error:
        database_settings(url)
    assert message in str(error.value)
    assert repr(url) in str(error.value)


def test_web_connections_keep_a_small_sqlite_page_cache(database_vendor, db):
    """Imports keep 128 MB of SQLite pages per connection; a web worker's threads each holding
    that made workers 500–770 MB resident. The web entry point gives its connections a small cache (WEB_CACHE_MB)."""
    from django.db import connection, connections

    if database_vendor != "sqlite":
        pytest.skip("a SQLite setting")
    from politzek.database import BATCH_CACHE_MB, WEB_CACHE_MB, configure_web_connections, sqlite_init_command

    def new_connection_cache_size() -> int:
        fresh = connections.create_connection("default")  # as a request's own connection
        try:
            with fresh.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                return cursor.fetchone()[0]
        finally:
            fresh.close()

    before = connection.settings_dict["OPTIONS"]["init_command"]
    try:
        # As the command line starts: a test that imported the WSGI application before this
        # one (tests/web/test_api_schema.py) left this process configured for the web.
        connection.settings_dict["OPTIONS"]["init_command"] = sqlite_init_command(BATCH_CACHE_MB)
        assert new_connection_cache_size() == -BATCH_CACHE_MB * 1024
        configure_web_connections()
        assert new_connection_cache_size() == -WEB_CACHE_MB * 1024
    finally:
        connection.settings_dict["OPTIONS"]["init_command"] = before


def test_a_web_query_past_its_time_on_postgresql_answers_busy(database_vendor, db, monkeypatch):
    """A runaway query in a web request is stopped by PostgreSQL's statement timeout and is
    told as the server being busy (a 503 on the web), never held for minutes."""
    from django.db import DatabaseError, connection, connections

    from politzek.database import configure_web_connections
    from politzek.database_errors import database_trouble

    if database_vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    monkeypatch.setenv("POLITZEK_WEB_STATEMENT_SECONDS", "1")
    options = dict(connection.settings_dict.get("OPTIONS", {}))
    try:
        configure_web_connections()
        fresh = connections.create_connection("default")  # as a request's own connection
        try:
            with pytest.raises(DatabaseError) as stopped, fresh.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(3)")
        finally:
            fresh.close()
    finally:
        connection.settings_dict["OPTIONS"] = options
    trouble = database_trouble(stopped.value)
    assert trouble is not None and "too busy" in trouble.message and trouble.retry_after == 60
