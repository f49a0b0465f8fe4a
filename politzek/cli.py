"""The `politzek` command: parses arguments and calls the library; no logic of its own.

Exit codes: 0 success, 1 failure of the system (database down), 2 bad input, with a one-line
reason on stderr naming the value that was wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from politzek.database import DATABASE_URL_VARIABLE, DatabaseURLError, database_settings, describe

app = typer.Typer(
    help="politzek: a registry and accountability ledger for political prisoners.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    errors.print(f"politzek: error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "politzek.settings")
    import django

    django.setup()


def _require_schema() -> None:
    """Read commands need a migrated database; say how to get one instead of a traceback."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        fail(f"cannot open the database: {error}".splitlines()[0], code=1)
    if pending:
        fail("the database is not initialized or is out of date; run `politzek init` first", code=1)


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date of the form YYYY-MM-DD")


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on a terminal (rows done of rows in all); nothing when piped."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _write_text(out: Path | None, text: str, option: str) -> bool:
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


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
    _setup_django()


@app.command()
def init() -> None:
    """Create or update the database schema. Safe to run again.

    Example: politzek init
    """
    from django.core.management import call_command
    from django.db import connection

    from politzek.database import database_url

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except Exception as error:
        fail(f"cannot initialize the database: {error}".splitlines()[0], code=1)
    console.print(f"politzek: database ready ({describe(database_url())}, {connection.vendor})")


@app.command()
def demo(
    people: Annotated[int, typer.Option(min=1, max=1_000_000, help="How many synthetic people.")] = 7500,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 1,
    if_empty: Annotated[bool, typer.Option("--if-empty", help="Do nothing if the registry has people.")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Delete earlier demo data first.")] = False,
) -> None:
    """Fill the registry with synthetic demo data (invented people, marked as such).

    Example: politzek demo --people 7500 --seed 1
    """
    from politzek.demo.generator import DemoRefused, create_demo

    _require_schema()
    try:
        summary = create_demo(people=people, seed=seed, if_empty=if_empty, replace=replace,
                              progress=console if sys.stdout.isatty() else None)
    except DemoRefused as error:
        fail(str(error))
    if summary is None:
        console.print("politzek: the registry already has people; demo data not added")
        return
    _refresh_derived()
    console.print(
        f"politzek: created {summary['people']} synthetic people, {summary['events']} events, "
        f"{summary['rows']} rows in {summary['seconds']:.1f} s"
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 2,
) -> None:
    """Run the web server (gunicorn): the public index at /, the staff admin at /admin/.

    Example: politzek serve --host 127.0.0.1 --port 8000
    """
    from politzek.server import run_server

    _require_schema()
    from django.db import connections

    # Bring the derived tables up to date once here, not in the first visitor's request.
    _refresh_derived()
    # Worker processes must open their own connections, not inherit this one across fork.
    connections.close_all()
    console.print(f"politzek: serving on http://{host}:{port}/ (staff admin at http://{host}:{port}/admin/)")
    run_server(host=host, port=port, workers=workers)


def _refresh_derived() -> None:
    """Rebuild the facts, listing and search keys of whatever changed (flows/refresh.py), then
    the planner's statistics, which a bulk load leaves out of date."""
    from politzek.database import update_planner_statistics
    from politzek.flows.refresh import refresh

    refresh()
    update_planner_statistics()


def _viewer(include_restricted: bool, include_confidential: bool) -> Any:
    from politzek.registry.visibility import Clearance, Viewer

    if include_confidential:
        return Viewer(Clearance.CONFIDENTIAL)
    if include_restricted:
        return Viewer(Clearance.RESTRICTED)
    return Viewer.public()


IncludeRestricted = Annotated[bool, typer.Option(
    "--include-restricted", help="Also show restricted records (for registry staff).")]
IncludeConfidential = Annotated[bool, typer.Option(
    "--include-confidential", help="Also show confidential records and private fields.")]
def _check_country(value: str | None, option: str = "--country") -> str | None:
    """The code upper-cased, or exit 2 when it is not two letters."""
    if value is None:
        return None
    if len(value) != 2 or not value.isalpha():
        fail(f"{option}: {value!r} is not a two-letter country code (BY, RU…)")
    return value.upper()


def _check_organizations(codes: list[str] | None) -> None:
    """Exit 2 naming the first --org code no organization has."""
    from politzek.registry.models import Organization

    if codes:
        known = set(Organization.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            fail(f"--org: no organization with code {unknown[0]!r}")


JsonOutput = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("list")
def list_command(
    country: Annotated[str | None, typer.Option(help="Country of persecution, e.g. BY.")] = None,
    status: Annotated[str | None, typer.Option(help="Derived status, e.g. serving_sentence.")] = None,
    tag: Annotated[str | None, typer.Option(help="Tag code, e.g. journalist.")] = None,
    name: Annotated[str | None, typer.Option(help="Part of a name, any script.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
    as_json: JsonOutput = False,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """List people, public records only unless told otherwise.

    Example: politzek list --country BY --status serving_sentence --limit 20
    """
    from politzek.registry.queries import PeopleFilter, list_people
    from politzek.registry.status import STATUSES

    if status and status not in STATUSES:
        fail(f"--status: {status!r} is not a status; choose from {', '.join(STATUSES)}")
    if country and (len(country) != 2 or not country.isalpha()):
        fail(f"--country: {country!r} is not a two-letter country code such as BY or RU")
    _require_schema()
    rows = list_people(
        PeopleFilter(country=country, status=status, tag=tag, name=name, limit=limit),
        _viewer(include_restricted, include_confidential),
    )
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "name", "also written", "country", "status", "since")
    for row in rows:
        table.add_row(str(row["id"]), row["name"] + (" (synthetic)" if row["synthetic"] else ""),
                      ", ".join(row["other_names"]), row["country"], row["status_label"], row["since"] or "")
    console.print(table)


@app.command()
def show(
    person_id: Annotated[str, typer.Argument(metavar="ID", help="The person's id.")],
    as_json: JsonOutput = False,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """Show one person: names, status, custody, cases, timeline and its problems.

    Example: politzek show 42 --json
    """
    from politzek.registry.queries import NotFound, person_detail

    if not person_id.isdigit():
        fail(f"ID: {person_id!r} is not a person id (a whole number)")
    _require_schema()
    try:
        detail = person_detail(int(person_id), _viewer(include_restricted, include_confidential))
    except NotFound as error:
        fail(f"ID: {error}")
    if as_json:
        _print_json(detail)
        return
    _print_person(detail)


def _print_person(detail: dict[str, Any]) -> None:
    names = detail["names"]
    title = names[0]["name"] if names else f"person {detail['id']}"
    console.print(f"[bold]{title}[/bold]  (id {detail['id']})", highlight=False)
    if detail["synthetic"]:
        console.print("[yellow]Synthetic demo record: not a real person.[/yellow]")
    for name in names[1:]:
        console.print(f"  also: {name['name']} ({name['kind']}, {name['script'] or '?'})", highlight=False)
    console.print(f"  status: {detail['status_label']}" + (f" since {detail['since']}" if detail["since"] else ""))
    console.print(f"  country: {detail['country']} {detail['region']}  born: {detail['birth_date'] or '?'}")
    console.print(f"  political prisoner today: {'yes' if detail['political_prisoner'] else 'no'}")
    table = Table("date", "event", "details")
    for event in detail["events"]:
        details = " ".join(filter(None, [event["organization"], event["facility"], event["description"]]))
        table.add_row(event["date"] or "?", event["label"], details)
    console.print(table)
    for issue in detail["timeline_issues"]:
        console.print(f"  [red]{issue['severity']}[/red]: {issue['message']}", highlight=False)


@app.command()
def stats(
    at: Annotated[str | None, typer.Option(help="Count as of this day (YYYY-MM-DD). Default: today.")] = None,
    org: Annotated[list[str] | None, typer.Option(
        "--org", help="Count recognitions by this organization code only (repeatable). Default: any.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """People, people in custody and political prisoners, overall and per country.

    Example: politzek stats --org viasna --at 2025-12-31 --json
    """
    from politzek.registry.queries import registry_stats

    day = _parse_date(at, "--at")
    _require_schema()
    _check_organizations(org)
    figures = registry_stats(at=day, organizations=org)
    if as_json:
        _print_json(figures)
        return
    console.print(f"As of {figures['at']}: {figures['people']} people, {figures['in_custody']} in custody, "
                  f"{figures['political_prisoners']} political prisoners")
    table = Table("country", "people", "in custody", "political prisoners")
    for country, counts in figures["by_country"].items():
        table.add_row(country, str(counts["people"]), str(counts["in_custody"]), str(counts["political_prisoners"]))
    console.print(table)


@app.command()
def report(
    country: Annotated[str | None, typer.Option(help="Country of persecution, e.g. BY. Default: all.")] = None,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="First day (YYYY-MM-DD). Default: 28 days before --to.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD). Default: today.")] = None,
    period: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "week",
    output_format: Annotated[str, typer.Option("--format", help="text, md or json.")] = "text",
    language: Annotated[str, typer.Option(help="Wording: en, ru (Russian), be (Belarusian) or uk (Ukrainian).")] = "en",
    org: Annotated[list[str] | None, typer.Option(
        "--org", help="Count recognitions by this organization code only (repeatable). Default: any.")] = None,
    region: Annotated[str | None, typer.Option(help="Only this region.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only people with this tag code, e.g. journalist.")] = None,
    article: Annotated[str | None, typer.Option(help="Only people charged under this article, e.g. 342.")] = None,
    gender: Annotated[str | None, typer.Option(help="Only this gender (male, female, …).")] = None,
    by: Annotated[list[str] | None, typer.Option(
        "--by", help="Break the political stock at --to down by country, region, gender, age, tag or article "
        "(repeatable).")] = None,
    charts: Annotated[Path | None, typer.Option(
        "--charts", help="Also write SVG and PNG charts into this folder.")] = None,
    series: Annotated[Path | None, typer.Option(
        "--series", help="Also write every figure per period to this .csv or .json file.")] = None,
) -> None:
    """Stock and flows of political prisoners over a period, in sentences and a table.

    Example: politzek report --country BY --from 2025-12-01 --to 2025-12-14 --period week --format md
    """
    from politzek.flows.figures import BREAKDOWNS, Scope, compute
    from politzek.flows.periods import GRANULARITIES
    from politzek.flows.report import FORMATS, LANGUAGES, render
    from politzek.flows.series import SERIES_FORMATS

    last = _parse_date(date_to, "--to") or dt.date.today()
    first = _parse_date(date_from, "--from") or last - dt.timedelta(days=27)
    if first > last:
        fail(f"--from {first} is after --to {last}")
    if period not in GRANULARITIES:
        fail(f"--period: {period!r} is not one of {', '.join(GRANULARITIES)}")
    if output_format not in FORMATS:
        fail(f"--format: {output_format!r} is not one of {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        fail(f"--language: {language!r} is not one of {', '.join(LANGUAGES)}")
    if series is not None and series.suffix.lower().lstrip(".") not in SERIES_FORMATS:
        fail(f"--series: {str(series)!r} must end in .csv or .json")
    if series is not None and not series.resolve().parent.is_dir():
        fail(f"--series: {str(series.parent)!r} is not a folder")
    if charts is not None and charts.exists() and not charts.is_dir():
        fail(f"--charts: {str(charts)!r} is a file, not a folder")
    for name in by or []:
        if name not in BREAKDOWNS:
            fail(f"--by: {name!r} is not one of {', '.join(BREAKDOWNS)}")
    if country is not None and not (len(country) == 2 and country.isalpha()):
        fail(f"--country: {country!r} is not a two-letter country code such as BY")
    _require_schema()
    _check_organizations(org)
    scope = Scope(country=country.upper() if country else None, region=region, gender=gender, tag=tag,
                  article=article, organizations=tuple(org) if org else None)
    breakdowns = list(dict.fromkeys([*(by or []), *(["region"] if charts else [])]))
    figures = compute(scope, first, last, period, breakdowns=breakdowns)
    sys.stdout.write(render(figures, output_format, language))
    if charts is not None:
        from politzek.flows.charts import write_charts

        written = write_charts(figures, charts)
        errors.print(f"politzek: wrote {len(written)} chart files into {charts}", highlight=False)
    if series is not None:
        from politzek.flows.series import write_series

        write_series(figures, series)
        errors.print(f"politzek: wrote the time series to {series}", highlight=False)


@app.command("import")
def import_command(
    profile: Annotated[str, typer.Argument(
        help="A bundled profile name (politzek-csv, viasna, …), a profile file, or ftm-officials.")],
    source: Annotated[Path, typer.Argument(metavar="FILE", help="The file (or folder of YAML files) to import.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would change; write nothing.")] = False,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the valid rows and report the rest (default: all or nothing).")] = False,
    encoding: Annotated[str | None, typer.Option(help="The file's encoding (utf-8, utf-8-sig, cp1251).")] = None,
    errors_report: Annotated[Path | None, typer.Option(
        "--errors", help="Where to write rejected rows (CSV). Default: ./FILE-NAME.errors.csv")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Import people from a spreadsheet or export, updating those already imported.

    Example: politzek import politzek-csv people.csv --dry-run
    """
    from politzek.ingest.errors import ImportError_
    from politzek.ingest.importer import run_import
    from politzek.ingest.profile import FTM_OFFICIALS, load_profile
    from politzek.ingest.report import write_error_report
    from politzek.registry.history import command_line_actor

    _require_schema()
    try:
        if profile == FTM_OFFICIALS:
            from politzek.ingest.import_ftm import run_ftm_import  # followthemoney takes a second to load

            result = run_ftm_import(source, actor=command_line_actor(), dry_run=dry_run)
        else:
            chosen = load_profile(profile)
            with _progress_bar("importing") as progress:
                result = run_import(chosen, source, actor=command_line_actor(), dry_run=dry_run,
                                    skip_invalid=skip_invalid, encoding=encoding, progress=progress)
    except ImportError_ as error:
        fail(str(error))
    report = None
    if result.rejected:
        report = errors_report or Path(f"{source.name}.errors.csv")
        write_error_report(report, result.rejected)
    if result.written and not dry_run:
        _refresh_derived()
    summary = result.summary() | {"errors_report": str(report) if report else None}
    if as_json:
        _print_json(summary)
    else:
        verb = "would create" if dry_run else "created"
        console.print(
            f"politzek: {summary['rows']} rows: {verb} {summary['created']}, updated {summary['updated']}, "
            f"unchanged {summary['unchanged']}, rejected {summary['rejected']}"
            + (" (dry run: nothing written)" if dry_run else "")
            + (f" (import #{result.batch_id})" if result.batch_id else ""), highlight=False)
        if result.possible_duplicates:
            console.print(f"politzek: {result.possible_duplicates} new people may be records already in the registry; "
                          "review them with `politzek dedupe --review`", highlight=False)
        if result.officials_linked or result.officials_to_review:
            console.print(f"politzek: {result.officials_linked} listed officials linked to officials in the registry; "
                          f"{result.officials_to_review} may be: review them with `politzek officials review`",
                          highlight=False)
    if result.rejected and not result.written and not dry_run:
        more = f" (and {len(result.rejected) - 1} more)" if len(result.rejected) > 1 else ""
        fail(f"{result.rejected[0]}{more}; nothing was imported; rejected rows are in {report}; "
             "fix them or use --skip-invalid")
    if result.rejected and dry_run:
        raise typer.Exit(2)


@app.command("export")
def export_command(
    kind: Annotated[str, typer.Argument(
        metavar="FORMAT",
        help="ftm (FollowTheMoney JSON lines), csv (a folder of tables), sqlite (for Datasette) or json.")],
    out: Annotated[Path, typer.Argument(help="The file (folder for csv) to write; it must not exist yet.")],
    include_restricted: IncludeRestricted = False,
    base_url: Annotated[str, typer.Option(help="The public site's address, for each record's URL.")] = (
        "http://127.0.0.1:8000"),
) -> None:
    """Export the registry for other tools: public records only unless told otherwise.

    Example: politzek export ftm registry.ftm.json
    """
    from politzek.ingest.export_ftm import export_ftm
    from politzek.ingest.export_json import export_json
    from politzek.ingest.export_tables import export_csv, export_sqlite

    if kind not in ("ftm", "csv", "sqlite", "json"):
        fail(f"FORMAT: {kind!r} is not an export format; choose from ftm, csv, sqlite, json")
    if out.exists():
        fail(f"{out}: already exists; choose a new file name")
    _require_schema()
    viewer = _viewer(include_restricted, False)
    # Written under a temporary name and renamed when complete: a file named OUT is whole.
    partial = out.with_name(out.name + ".partial")
    try:
        if kind == "ftm":
            with partial.open("w", encoding="utf-8") as handle:
                count = export_ftm(handle, viewer)
        elif kind == "json":
            with partial.open("w", encoding="utf-8") as handle:
                count = export_json(handle, viewer)
        elif kind == "csv":
            count = export_csv(partial, viewer, base_url)
        else:
            count = export_sqlite(partial, viewer, base_url)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True) if partial.is_dir() else partial.unlink(missing_ok=True)
        raise
    partial.rename(out)
    unit = {"ftm": "entities", "json": "people"}.get(kind, "rows")
    console.print(f"politzek: wrote {count} {kind} {unit} to {out}", highlight=False)


@app.command("backup")
def backup_command(
    out: Annotated[Path, typer.Argument(help="The file to write; it must not exist yet.")],
) -> None:
    """Write a consistent snapshot of the whole registry, history included, while it runs.

    SQLite registries give an SQLite file; PostgreSQL ones a pg_dump custom-format file.
    Example: politzek backup backups/politzek-2026-11-22.db
    """
    from django.db import connection

    from politzek.backup import BackupError, backup

    try:
        console.print(f"politzek: {backup(connection.settings_dict, out.resolve())}", highlight=False)
    except BackupError as error:
        fail(str(error))


@app.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by `politzek backup`.")],
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite a registry that is not empty.")] = False,
) -> None:
    """Bring the registry back to a snapshot made by `politzek backup`.

    Example: politzek restore backups/politzek-2026-11-22.db --replace
    """
    from django.db import connection

    from politzek.backup import BackupError, restore

    try:
        console.print(f"politzek: {restore(connection.settings_dict, source.resolve(), replace)}", highlight=False)
    except BackupError as error:
        fail(str(error))


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command on the same database (e.g. to create a staff user).

    Example: politzek manage createsuperuser
    """
    from django.core.management import execute_from_command_line

    execute_from_command_line(["politzek manage", *ctx.args])


from politzek.cli_cost import cost  # noqa: E402
from politzek.cli_deals import deals  # noqa: E402
from politzek.cli_dedupe import dedupe_command, merge_command  # noqa: E402
from politzek.cli_match import match_command  # noqa: E402  (commands in their own modules import from here lazily)
from politzek.cli_officials import officials  # noqa: E402
from politzek.cli_simulate import simulate_command  # noqa: E402
from politzek.cli_users import users  # noqa: E402
from politzek.cli_vet import vet_command  # noqa: E402

app.add_typer(users, name="user")
app.command("match")(match_command)
app.command("dedupe")(dedupe_command)
app.command("merge")(merge_command)
app.add_typer(deals, name="deals")
app.command("vet")(vet_command)
app.add_typer(officials, name="officials")
app.add_typer(cost, name="cost")
app.command("simulate")(simulate_command)


def main() -> None:
    app()
