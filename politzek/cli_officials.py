"""`politzek officials`: the officials who make the cases, their dossiers and sanctions gaps."""

from __future__ import annotations

import csv
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from politzek.cli_dedupe import Actor, Confidential, Restricted

if TYPE_CHECKING:
    from politzek.accountability.gaps import OfficialTally

officials = typer.Typer(help="Officials: list them, a dossier, who is not yet sanctioned.", no_args_is_help=True)
JsonOutput = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@officials.command("list")
def list_officials(
    country: Annotated[str | None, typer.Option(help="Only officials of this country.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Officials with their case counts and the authorities that list them.
    Example: politzek officials list --country BY"""
    from politzek.accountability.gaps import official_summaries
    from politzek.cli import _check_country, _print_json, _require_schema

    country = _check_country(country)
    _require_schema()
    rows = official_summaries(country=country)
    if as_json:
        _print_json({"officials": [r.as_dict() for r in rows]})
        return
    _print_officials(rows, "sanctioned by")


def _print_officials(rows: list[OfficialTally], listed_heading: str) -> None:
    from rich.table import Table

    from politzek.cli import console

    table = Table("id", "name", "country", "cases", "custodial years handed down", listed_heading)
    for row in rows:
        table.add_row(str(row.official_id), row.name, row.country, str(row.cases), f"{row.custodial_years:g}",
                      ", ".join(row.listed_by) or "-")
    console.print(table)


@officials.command("dossier")
def dossier_command(
    official_id: Annotated[int, typer.Argument(metavar="ID", help="The official's id.")],
    form: Annotated[str, typer.Option("--format", help="text, json, csv (one row per case), html (a printable "
                                      "page) or ftm (FollowTheMoney JSON lines).")] = "text",
    include_restricted: Restricted = False,
    include_confidential: Confidential = False,
) -> None:
    """An official's dossier: every case, defendant, charge and sentence, the custodial years
    handed down, positions and sanctions by authority. Example: politzek officials dossier 7"""
    from politzek.accountability.dossier import NoSuchOfficial, official_dossier
    from politzek.cli import _print_json, _require_schema, _viewer, console, fail

    if form not in ("text", "json", "csv", "html", "ftm"):
        fail(f"--format: {form!r} is not one of text, json, csv, html, ftm")
    _require_schema()
    try:
        dossier = official_dossier(official_id, _viewer(include_restricted, include_confidential))
    except NoSuchOfficial as error:
        fail(f"ID: {error}; `politzek officials list` shows them")
    if form == "json":
        _print_json(dossier.as_dict())
        return
    if form == "html":
        from politzek.accountability.submission import dossier_html

        sys.stdout.write(dossier_html(official_id, _viewer(include_restricted, include_confidential)))
        return
    if form == "ftm":
        from politzek.ingest.export_ftm import export_official_ftm

        export_official_ftm(sys.stdout, official_id, _viewer(include_restricted, include_confidential))
        return
    if form == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["case", "case_number", "court", "roles", "date", "defendants", "defendants_not_shown",
                         "charges", "custodial_years"])
        for case in dossier.cases:
            years = sum(s["years"] or 0 for s in case.sentences if not s["in_absentia"])
            writer.writerow([case.case_id, case.case_number, case.court, " ".join(case.roles), case.date or "",
                             "; ".join(name for _pid, name in case.defendants), case.hidden_defendants,
                             "; ".join(case.charges), f"{years:g}"])
        return
    totals = dossier.totals
    synthetic = " (synthetic)" if dossier.official.synthetic else ""
    console.print(f"{' / '.join(dossier.names) or dossier.official}{synthetic}, {dossier.official.country or '?'}",
                  highlight=False, markup=False)
    for position in dossier.positions:
        console.print(f"  {position['role']}: {position['title']} {position['institution']}".rstrip(),
                      highlight=False, markup=False)
    console.print(f"  {totals['cases']} cases; {totals['custodial_sentences_handed_down']} custodial sentences "
                  f"handed down, {totals['custodial_years_handed_down']:g} years in all", highlight=False)
    console.print("  sanctioned by: " + (", ".join(dossier.sanctioned_by) or "no authority"), highlight=False)
    for case in dossier.cases:
        names = ", ".join(name for _pid, name in case.defendants)
        hidden = f" and {case.hidden_defendants} not shown" if case.hidden_defendants else ""
        console.print(f"  {case.date or '?'} {case.case_number or case.case_id} ({', '.join(case.roles)}): "
                      f"{names}{hidden}; {', '.join(case.charges)}", highlight=False, markup=False)


@officials.command("gaps")
def gaps_command(
    authority: Annotated[str, typer.Option(help="The sanctioning authority, e.g. EU, US-OFAC, UK, CA.")],
    min_cases: Annotated[int, typer.Option(help="Only officials with at least this many cases.")] = 3,
    country: Annotated[str | None, typer.Option(help="Only officials of this country.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Officials with at least N cases whom an authority has not listed, most cases first.
    Example: politzek officials gaps --authority EU --min-cases 5"""
    from politzek.accountability.gaps import sanctions_gaps
    from politzek.cli import _check_country, _print_json, _require_schema, console, fail

    country = _check_country(country)
    if not authority.strip():
        fail("--authority: empty; name the sanctioning authority (EU, US-OFAC, UK…)")
    if min_cases < 1:
        fail(f"--min-cases: {min_cases} is below 1")
    _require_schema()
    rows = sanctions_gaps(authority, min_cases, country)
    if as_json:
        _print_json({"authority": authority.upper(), "min_cases": min_cases, "gaps": [r.as_dict() for r in rows]})
        return
    _print_officials(rows, "listed by others")
    console.print(f"politzek: {len(rows)} officials with at least {min_cases} cases not listed by {authority.upper()}",
                  highlight=False)


@officials.command("review")
def review_command(
    decide: Annotated[int | None, typer.Option(metavar="ID", help="Decide this match (with --same or --different).")]
    = None,
    same: Annotated[bool, typer.Option("--same", help="The listed entry is the registry's official: merge.")] = False,
    different: Annotated[bool, typer.Option("--different", help="They are different officials.")] = False,
    reason: Annotated[str, typer.Option(help="Why, for the history.")] = "",
    actor: Actor = None,
    as_json: JsonOutput = False,
) -> None:
    """Sanctions-list entries the matcher could not tell from an official in the registry: list
    them with the matcher's reasons, or decide one.
    Example: politzek officials review --decide 3 --same --reason "same colony, same patronymic\""""
    from politzek.accountability.linking import ReviewError, decide_official_match
    from politzek.cli import _print_json, _require_schema, console, fail
    from politzek.registry import models as m
    from politzek.registry.history import command_line_actor

    _require_schema()
    if decide is not None:
        if same == different:
            fail("--decide: give exactly one of --same or --different")
        try:
            match = decide_official_match(decide, "same" if same else "different", actor or command_line_actor(),
                                          reason)
        except ReviewError as error:
            fail(f"--decide: {error}")
        console.print(f"politzek: official match {match.pk} decided: {match.decision}", highlight=False)
        return
    pending = m.OfficialMatch.objects.filter(decision="").select_related("existing", "imported").order_by(
        "-score", "id")
    rows = [{"id": p.pk, "source_key": p.source_key, "imported": p.imported_id,
             "imported_name": str(p.imported) if p.imported else "", "existing": p.existing_id,
             "existing_name": str(p.existing), "score": p.score, "features": p.features} for p in pending]
    if as_json:
        _print_json({"pending": rows})
        return
    from rich.table import Table

    table = Table("id", "listed as", "registry official", "score", "why")
    for row in rows:
        table.add_row(str(row["id"]), f"{row['imported_name']} ({row['source_key']})",
                      f"{row['existing_name']} (id {row['existing']})", f"{row['score']:.2f}",
                      "; ".join(f"{f['name']}: {f['detail']}" for f in row["features"]))
    console.print(table)
    console.print(f"politzek: {len(rows)} matches to review", highlight=False)
