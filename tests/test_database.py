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
