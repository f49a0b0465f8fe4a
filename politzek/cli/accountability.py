"""`politzek officials` and `politzek cost`: the officials who make the cases, their dossiers and sanctions
gaps, and the automatic cost of every new arrest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from politzek.cli.common import (
    Actor,
    IncludeConfidential,
    IncludeRestricted,
    JsonOutput,
    check_country,
    console,
    fail,
    parse_date,
    print_json,
    require_schema,
    viewer_for,
    write_text,
)
from politzek.csv_safety import SafeWriter

if TYPE_CHECKING:
    from politzek.accountability.gaps import OfficialTally
    from politzek.accountability.policy import CostPolicy
    from politzek.accountability.run import CostRun


officials = typer.Typer(help="Officials: list them, a dossier, who is not yet sanctioned.", no_args_is_help=True)


@officials.command("list")
def list_officials(
    country: Annotated[str | None, typer.Option(help="Only officials of this country.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Officials with their case counts and the authorities that list them.
    Example: politzek officials list --country BY"""
    from politzek.accountability.gaps import official_summaries

    country = check_country(country)
    require_schema()
    rows = official_summaries(country=country)
    if as_json:
        print_json({"officials": [r.as_dict() for r in rows]})
        return
    _print_officials(rows, "sanctioned by")


def _print_officials(rows: list[OfficialTally], listed_heading: str) -> None:
    from rich.table import Table

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
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """An official's dossier: every case, defendant, charge and sentence, the custodial years
    handed down, positions and sanctions by authority. Example: politzek officials dossier 7"""
    from politzek.accountability.dossier import NoSuchOfficial, official_dossier

    if form not in ("text", "json", "csv", "html", "ftm"):
        fail(f"--format: {form!r} is not one of text, json, csv, html, ftm")
    require_schema()
    try:
        dossier = official_dossier(official_id, viewer_for(include_restricted, include_confidential))
    except NoSuchOfficial as error:
        fail(f"ID: {error}; `politzek officials list` shows them")
    if form == "json":
        print_json(dossier.as_dict())
        return
    if form == "html":
        from politzek.accountability.submission import dossier_html

        sys.stdout.write(dossier_html(official_id, viewer_for(include_restricted, include_confidential)))
        return
    if form == "ftm":
        from politzek.ingest.export_ftm import export_official_ftm

        export_official_ftm(sys.stdout, official_id, viewer_for(include_restricted, include_confidential))
        return
    if form == "csv":
        writer = SafeWriter(sys.stdout, lineterminator="\n")
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

    country = check_country(country)
    if not authority.strip():
        fail("--authority: empty; name the sanctioning authority (EU, US-OFAC, UK…)")
    if min_cases < 1:
        fail(f"--min-cases: {min_cases} is below 1")
    require_schema()
    rows = sanctions_gaps(authority, min_cases, country)
    if as_json:
        print_json({"authority": authority.upper(), "min_cases": min_cases, "gaps": [r.as_dict() for r in rows]})
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
    from politzek.registry import models as m
    from politzek.registry.history import command_line_actor

    require_schema()
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
        print_json({"pending": rows})
        return
    from rich.table import Table

    table = Table("id", "listed as", "registry official", "score", "why")
    for row in rows:
        table.add_row(str(row["id"]), f"{row['imported_name']} ({row['source_key']})",
                      f"{row['existing_name']} (id {row['existing']})", f"{row['score']:.2f}",
                      "; ".join(f"{f['name']}: {f['detail']}" for f in row["features"]))
    console.print(table)
    console.print(f"politzek: {len(rows)} matches to review", highlight=False)


cost = typer.Typer(help="The automatic cost of every new arrest: proposals against the officials who make the cases, "
                        "and each country's cost index.", invoke_without_command=True)


PolicyFile = Annotated[Path | None, typer.Option(
    "--policy", help="A policy file (TOML) instead of the bundled one; see docs/accountability.md.")]


def _policy(path: Path | None) -> CostPolicy:
    from politzek.accountability.policy import PolicyError, load_policy

    try:
        return load_policy(path)
    except PolicyError as error:
        fail(f"--policy: {error}")


@cost.callback()
def cost_command(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Only new repression from this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this day (YYYY-MM-DD; default today).")] = None,
    country: Annotated[str | None, typer.Option(help="Only cases of this country (BY, RU…).")] = None,
    policy_file: PolicyFile = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the proposals without keeping them.")] = False,
    actor: Actor = None,
    as_json: JsonOutput = False,
) -> None:
    """The politically motivated cases with new repression in the period, the proposals each
    produced (kept; a re-run never duplicates one) and the cost index over time.
    Example: politzek cost --since 2025-01-01 --country BY"""
    if ctx.invoked_subcommand is not None:
        return
    from politzek.accountability.run import run_cost
    from politzek.registry.history import command_line_actor

    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    if start and end and start > end:
        fail(f"--since: {since} is after --until {until}")
    country = check_country(country)
    policy = _policy(policy_file)
    require_schema()
    run = run_cost(policy, actor or command_line_actor(), start, end, country, dry_run=dry_run)
    if as_json:
        print_json(run.as_dict())
        return
    _print_run(run)


def _print_run(run: CostRun) -> None:
    from rich.table import Table

    from politzek.accountability.run import monthly

    data = run.as_dict()
    period = f"{data['period']['since'] or 'the beginning'} to {data['period']['until'] or 'today'}"
    console.print(f"politzek cost: policy {run.policy.version}; {period}", highlight=False)
    cases = run.result.cases
    console.print(f"  {data['new_cases']} new politically motivated cases, {len(cases) - data['new_cases']} older "
                  "cases with new events", highlight=False)
    # One line per official and measure, with the authorities it goes to: the same evidence
    # stands behind each authority's proposal.
    grouped: dict[tuple[int, str], dict[str, Any]] = {}
    for proposal in data["proposals"]:
        line = grouped.setdefault((proposal["official"], proposal["measure"]), {**proposal, "authorities": []})
        line["authorities"].append(proposal["authority"])
    table = Table("official", "name", "measure", "to", "evidence", "first")
    for line in grouped.values():
        table.add_row(str(line["official"]), line["official_name"], line["measure"], ", ".join(line["authorities"]),
                      str(len(line["evidence"])), line["first_evidence"])
    console.print(table)
    if run.recorded is not None:
        console.print(f"  kept: {run.recorded.created} new proposals, {run.recorded.evidence_added} new pieces of "
                      f"evidence, {run.recorded.unchanged} proposals unchanged", highlight=False)
    else:
        console.print("  dry run: nothing kept", highlight=False)
    for country, weeks in sorted(run.result.index.items()):
        shown = monthly(weeks)[-12:]
        series = ", ".join(f"{w.week:%Y-%m} {w.value:g}" for w in shown)
        console.print(f"  cost index {country}: {weeks[-1].value:g} now; by month: {series}", highlight=False)
    if run.result.facility_events_without_head:
        console.print(f"  {len(run.result.facility_events_without_head)} torture or death reports at a facility "
                      "whose head is not recorded: add the head's position to propose measures", highlight=False)
    if run.undated_events:
        console.print(f"  {run.undated_events} counted events have no date and are left out", highlight=False)


@cost.command("proposals")
def proposals_command(
    authority: Annotated[str | None, typer.Option(help="Only proposals to this authority (EU, US, UK, CA…).")] = None,
    status: Annotated[str | None, typer.Option(help="Only proposals with this status.")] = None,
    country: Annotated[str | None, typer.Option(help="Only officials of this country.")] = None,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
    as_json: JsonOutput = False,
) -> None:
    """The kept proposals with their status and evidence, most evidence first.
    Example: politzek cost proposals --authority EU --status proposed"""
    from rich.table import Table

    from politzek.accountability.proposals import STATUSES, proposal_rows

    if status is not None and status not in STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(STATUSES)}")
    country = check_country(country)
    require_schema()
    rows = proposal_rows(viewer_for(include_restricted, include_confidential), authority, status, country)
    if as_json:
        print_json({"proposals": [r.as_dict() for r in rows]})
        return
    table = Table("id", "official", "country", "authority", "measure", "status", "evidence", "cases shown")
    for row in rows:
        table.add_row(str(row.proposal_id), row.official_name + (" (synthetic)" if row.synthetic else ""),
                      row.country, row.authority, row.measure, row.status, str(row.evidence_count),
                      ", ".join(c["case_number"] or str(c["case"]) for c in row.cases[:5]))
    console.print(table)


@cost.command("status")
def status_command(
    proposal_id: Annotated[int, typer.Argument(metavar="ID", help="The proposal's id.")],
    status: Annotated[str, typer.Argument(metavar="STATUS", help="proposed, submitted, adopted or rejected.")],
    note: Annotated[str, typer.Option(help="Why: the submission's reference, the authority's reply.")] = "",
    actor: Actor = None,
) -> None:
    """Move a proposal to a status, kept in its history with who and why.
    Example: politzek cost status 12 submitted --note "sent to the EEAS on 2026-12-01\""""
    from politzek.accountability.proposals import ProposalError, set_status
    from politzek.registry.history import command_line_actor

    require_schema()
    try:
        proposal = set_status(proposal_id, status, note, actor or command_line_actor())
    except ProposalError as error:
        fail(f"{error}")
    console.print(f"politzek: proposal {proposal.pk} is now {proposal.status}", highlight=False)


@cost.command("export")
def export_command(
    authority: Annotated[str, typer.Option(help="The authority the submission is for (EU, US, UK, CA…).")],
    out: Annotated[Path, typer.Argument(metavar="OUT", help="The file to write; '-' for standard output.")],
    form: Annotated[str, typer.Option("--format", help="csv (one row per proposal) or html (a printable "
                                      "dossier).")] = "csv",
    status: Annotated[str | None, typer.Option(help="Only proposals with this status (default: all but "
                                               "rejected).")] = None,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """The proposals to one authority as an advocacy group submits them: CSV, or a printable
    HTML dossier with each official's cases and sentences.
    Example: politzek cost export --authority EU --format html eu-proposals.html"""
    from politzek.accountability.proposals import STATUSES
    from politzek.accountability.submission import submission_csv, submission_html

    if form not in ("csv", "html"):
        fail(f"--format: {form!r} is not one of csv, html")
    if status is not None and status not in STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(STATUSES)}")
    if not authority.strip():
        fail("--authority: empty; name the authority (EU, US, UK, CA…)")
    require_schema()
    viewer = viewer_for(include_restricted, include_confidential)
    text, count = (submission_csv if form == "csv" else submission_html)(authority.upper(), viewer, status)
    if not write_text(out, text, "OUT"):
        return
    console.print(f"politzek: {count} proposals to {authority.upper()} written to {out}", highlight=False)
