"""What every `politzek` command shares: the consoles, the one way to fail (exit 2 with a
one-line reason naming the value), the option types, the checks of common options and the
writers of command output. Command modules import from here, never from each other."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from politzek.csv_safety import SafeDictWriter

if TYPE_CHECKING:
    from politzek.registry.visibility import Viewer

console = Console(soft_wrap=True)
errors = Console(stderr=True)

JsonOutput = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
IncludeRestricted = Annotated[bool, typer.Option(
    "--include-restricted", help="Also include restricted records (for registry staff).")]
IncludeConfidential = Annotated[bool, typer.Option(
    "--include-confidential", help="Also include confidential records and private fields.")]
Actor = Annotated[str | None, typer.Option(help="Who decides, for the history (default: cli:<your user name>).")]
Organizations = Annotated[list[str] | None, typer.Option(
    "--org", help="Count only recognitions by these organization codes (repeatable; default: any).")]


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop the command with a one-line reason on standard error: code 2 for bad input, 1 when
    the system fails (database unreachable or not initialized)."""
    errors.print(f"politzek: error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "politzek.settings")
    import django

    django.setup()


def require_schema() -> None:
    """Commands that read the registry need a migrated database; say how to get one instead of
    a traceback."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        fail(f"cannot open the database: {error}".splitlines()[0], code=1)
    if pending:
        fail("the database is not initialized or is out of date; run `politzek init` first", code=1)


def refresh_derived() -> None:
    """Rebuild the facts, listing and search keys of whatever changed (flows/refresh.py), then
    the planner's statistics, which a bulk load leaves out of date."""
    from politzek.database import update_planner_statistics
    from politzek.flows.refresh import refresh

    refresh()
    update_planner_statistics()


def viewer_for(include_restricted: bool, include_confidential: bool) -> Viewer:
    """The clearance the command's --include-restricted / --include-confidential flags give."""
    from politzek.registry.visibility import Clearance, Viewer

    if include_confidential:
        return Viewer(Clearance.CONFIDENTIAL)
    if include_restricted:
        return Viewer(Clearance.RESTRICTED)
    return Viewer.public()


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date of the form YYYY-MM-DD")


def check_country(value: str | None, option: str = "--country") -> str | None:
    """The code upper-cased, or exit 2 when it is not two letters."""
    if value is None:
        return None
    if len(value) != 2 or not value.isalpha():
        fail(f"{option}: {value!r} is not a two-letter country code (BY, RU…)")
    return value.upper()


def check_organizations(codes: list[str] | None) -> None:
    """Exit 2 naming the first --org code no organization has."""
    from politzek.registry.models import Organization

    if codes:
        known = set(Organization.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            fail(f"--org: no organization with code {unknown[0]!r}")


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on a terminal (rows done of rows in all); nothing when piped."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)  # 0: not known while streaming

        yield advance


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text(out: Path | None, text: str, option: str) -> bool:
    """Command output to a file, or to standard output for None or "-"; exit 2 naming the
    option when the file cannot be written. True when a file was written."""
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        return False
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"{option}: cannot write {out}: {error.strerror}")
    return True


def write_csv_rows(rows: list[dict[str, Any]], columns: list[str], out: Path | None) -> None:
    """Rows as CSV to a new file named by --out, or to standard output; never over a file."""
    if out is not None and out.exists():
        fail(f"--out: {out} already exists; choose a new file")
    try:
        handle = sys.stdout if out is None else out.open("w", newline="", encoding="utf-8")
    except OSError as error:
        fail(f"--out: {out}: {error.strerror}")
    writer = SafeDictWriter(handle, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    if out is not None:
        handle.close()
