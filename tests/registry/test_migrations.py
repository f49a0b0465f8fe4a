import pytest
from django.core.management import call_command

from tests.commands import run_politzek
from tests.databases import migrated_template


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "registry", "--check", "--dry-run", verbosity=0)


def test_init_applies_migrations_on_a_fresh_database_and_is_idempotent(migrated_database_url):
    # The suite's migrated databases are copies of one that `politzek init` made from an empty
    # database (tests/conftest.py): that first run is the one checked here, not repeated.
    _template, first = migrated_template()
    assert first.returncode == 0, first.stderr
    assert "database ready" in first.stdout
    second = run_politzek("init", db=migrated_database_url)
    assert second.returncode == 0, second.stderr
    listing = run_politzek("list", "--json", db=migrated_database_url)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.strip() == "[]"
