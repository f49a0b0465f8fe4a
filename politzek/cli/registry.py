"""`politzek init`, `demo`, `list`, `show`, `stats`, `backup` and `restore`: the registry itself."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from politzek.cli.common import (
    IncludeConfidential,
    IncludeRestricted,
    JsonOutput,
    check_country,
    check_organizations,
    console,
    fail,
    parse_date,
    print_json,
    refresh_derived,
    require_schema,
    viewer_for,
)


def init() -> None:
    """Create or update the database schema. Safe to run again.

    Example: politzek init
    """
    from django.core.management import call_command
    from django.db import connection

    from politzek.database import database_url, describe

    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # only when POLITZEK_CACHE=database
    except Exception as error:
        fail(f"cannot initialize the database: {error}".splitlines()[0], code=1)
    console.print(f"politzek: database ready ({describe(database_url())}, {connection.vendor})")


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

    require_schema()
    try:
        summary = create_demo(people=people, seed=seed, if_empty=if_empty, replace=replace,
                              progress=console if sys.stdout.isatty() else None)
    except DemoRefused as error:
        fail(str(error))
    if summary is None:
        console.print("politzek: the registry already has people; demo data not added")
        return
    refresh_derived()
    console.print(
        f"politzek: created {summary['people']} synthetic people, {summary['events']} events, "
        f"{summary['rows']} rows in {summary['seconds']:.1f} s; the automatic cost proposed "
        f"{summary['proposals']} sanctions on synthetic officials"
    )


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
    country = check_country(country)
    require_schema()
    rows = list_people(
        PeopleFilter(country=country, status=status, tag=tag, name=name, limit=limit),
        viewer_for(include_restricted, include_confidential),
    )
    if as_json:
        print_json(rows)
        return
    table = Table("id", "name", "also written", "country", "status", "since")
    for row in rows:
        table.add_row(str(row["id"]), row["name"] + (" (synthetic)" if row["synthetic"] else ""),
                      ", ".join(row["other_names"]), row["country"], row["status_label"], row["since"] or "")
    console.print(table)


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
    require_schema()
    try:
        detail = person_detail(int(person_id), viewer_for(include_restricted, include_confidential))
    except NotFound as error:
        fail(f"ID: {error}")
    if as_json:
        print_json(detail)
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


def stats(
    at: Annotated[str | None, typer.Option(help="Count as of this day (YYYY-MM-DD). Default: today.")] = None,
    org: Annotated[list[str] | None, typer.Option(
        "--org", help="Count recognitions by this organization code only (repeatable). Default: any.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """People, people in custody and political prisoners, overall and per country.

    Example: politzek stats --org viasna --at 2025-12-31 --json
    """
    from politzek.flows.reported import reported_beside_registry
    from politzek.registry.queries import registry_stats
    from politzek.registry.visibility import Viewer

    day = parse_date(at, "--at")
    require_schema()
    check_organizations(org)
    figures = registry_stats(at=day, organizations=org)
    figures["reported"] = [row.as_dict() for row in reported_beside_registry(
        Viewer.public(), at=dt.date.fromisoformat(figures["at"]), latest_only=True)]
    if as_json:
        print_json(figures)
        return
    console.print(f"As of {figures['at']}: {figures['people']} people, {figures['in_custody']} in custody, "
                  f"{figures['political_prisoners']} political prisoners")
    if figures["in_custody"]:
        console.print(f"Of those in custody: {figures['last_confirmed_long_ago']} last confirmed over "
                      f"{figures['stale_after_months']} months ago, {figures['held_since_unknown']} held since a day "
                      "no source gives.")
    for row in figures["reported"]:
        console.print(row["sentence"], highlight=False, markup=False)
    if not figures["reported"]:
        console.print("No organization's reported total is recorded (politzek figures import): nothing says how "
                      "much of the whole these counts cover.")
    table = Table("country", "people", "in custody", "political prisoners")
    for country, counts in figures["by_country"].items():
        table.add_row(country, str(counts["people"]), str(counts["in_custody"]), str(counts["political_prisoners"]))
    console.print(table)


def audit_command(
    months: Annotated[int, typer.Option(help="A record not changed for this many months is stale.")] = 12,
    limit: Annotated[int, typer.Option(help="How many of each finding to list.")] = 50,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
    as_json: JsonOutput = False,
) -> None:
    """Evidence audit: facts citing no source, impossible timelines, records not updated for
    months, source addresses that are not web addresses; counted per country (every record),
    listed as far as your clearance goes.

    Example: politzek audit --months 6 --json
    """
    from politzek.registry.audit import COUNTS, run_audit

    if months < 1 or limit < 0:
        fail(f"--months and --limit: {months if months < 1 else limit} is not allowed (months ≥ 1, limit ≥ 0)")
    require_schema()
    audit = run_audit(viewer_for(include_restricted, include_confidential), months=months, limit=limit)
    if as_json:
        print_json(audit.as_dict())
        return
    table = Table("country", *COUNTS.values())
    for country, counts in audit.per_country.items():
        table.add_row(country or "?", *(str(counts[key]) for key in COUNTS))
    console.print(table)
    console.print("people by the age of their latest information: " + ", ".join(
        f"{band}: {n}" for band, n in audit.information_age.items()), highlight=False)
    overall = audit.overall
    console.print(f"deals citing no source: {overall['unsourced_deals']} of {overall['deals']}; concessions citing "
                  f"no source: {overall['unsourced_concessions']} of {overall['concessions']}; source addresses "
                  f"that are not web addresses: {overall['bad_source_urls']}", highlight=False)
    for kind, found in audit.findings.items():
        if found:
            console.print(f"\n{kind.replace('_', ' ')} (first {len(found)}, as {audit.viewer} readers see them):",
                          highlight=False)
            for finding in found:
                console.print(f"  {finding.country or '-'}  {finding.what}: {finding.detail}", highlight=False,
                              markup=False)


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
