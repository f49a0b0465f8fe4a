"""The `politzek` command assembled: the global --db option, then every command group in the
order `politzek --help` lists them. Each group lives in its own module of this package and
shares only politzek.cli.common.

Exit codes: 0 success, 1 failure of the system (database down), 2 bad input, with a one-line
reason on stderr naming the value that was wrong.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from politzek.cache_settings import CacheSettingError, cache_settings
from politzek.cli import (
    accountability,
    bargaining,
    dedupe,
    events,
    figures,
    flows,
    history,
    ingest,
    names,
    registry,
    server,
    simulate,
    users,
)
from politzek.cli.common import errors, fail, setup_django
from politzek.database import (
    DATABASE_URL_VARIABLE,
    DatabaseURLError,
    database_settings,
    web_cache_mb,
    web_statement_seconds,
)

app = typer.Typer(
    help="politzek: a registry and accountability ledger for political prisoners.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def configure(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL (sqlite:////abs/path.db or postgresql://user@host:5432/name). "
        f"Default: ${DATABASE_URL_VARIABLE}, else ./politzek.db.",
    )] = None,
) -> None:
    """Example: politzek --db postgresql://politzek@localhost:5432/politzek stats"""
    if db:
        os.environ[DATABASE_URL_VARIABLE] = db
    url = os.environ.get(DATABASE_URL_VARIABLE)
    if url:
        try:
            database_settings(url)
        except DatabaseURLError as error:
            fail(f"--db: {error}")
    try:
        cache_settings()
        web_cache_mb()
        web_statement_seconds()
    except (CacheSettingError, DatabaseURLError) as error:
        fail(str(error))
    setup_django()
    from django.utils import translation

    # The command line speaks English whatever language a web request in the same process
    # (a test, a shell) left active: reports go through the same translated sentences.
    translation.activate("en")


app.command("init")(registry.init)
app.command("demo")(registry.demo)
app.command("serve")(server.serve)
app.command("list")(registry.list_command)
app.command("show")(registry.show)
app.command("stats")(registry.stats)
app.command("audit")(registry.audit_command)
app.command("report")(flows.report)
app.command("import")(ingest.import_command)
app.command("export")(ingest.export_command)
app.command("template")(ingest.template_command)
app.command("backup")(registry.backup_command)
app.command("restore")(registry.restore_command)
app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(server.manage)
app.add_typer(users.users, name="user")
app.add_typer(history.history, name="history")
app.add_typer(events.events, name="events")
app.add_typer(figures.figures, name="figures")
app.command("match")(names.match_command)
app.command("dedupe")(dedupe.dedupe_command)
app.command("merge")(dedupe.merge_command)
app.add_typer(bargaining.deals, name="deals")
app.command("vet")(bargaining.vet_command)
app.add_typer(accountability.officials, name="officials")
app.add_typer(accountability.cost, name="cost")
app.command("simulate")(simulate.simulate_command)


def main() -> None:
    from politzek.registry.event_kinds import EventKindsError

    try:
        app()
    except EventKindsError as error:  # a registry's own kinds file (POLITZEK_EVENT_KINDS) is wrong
        errors.print(f"politzek: error: {error}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
    except Exception as error:
        from politzek.database_errors import database_trouble

        trouble = database_trouble(error)
        if trouble is None:
            raise
        errors.print(f"politzek: error: {trouble.message}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
