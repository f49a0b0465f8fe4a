"""`politzek cost`: the automatic cost of every new arrest: run the policy, the proposals it
keeps, their statuses, and the submission per authority."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from politzek.cli_dedupe import Actor, Confidential, Restricted

if TYPE_CHECKING:
    from politzek.accountability.policy import CostPolicy
    from politzek.accountability.run import CostRun

cost = typer.Typer(help="The automatic cost of every new arrest: proposals against the officials who make the cases, "
                        "and each country's cost index.", invoke_without_command=True)
JsonOutput = Annotated[bool, typer.Option("--json", help="Print JSON.")]
PolicyFile = Annotated[Path | None, typer.Option(
    "--policy", help="A policy file (TOML) instead of the bundled one; see docs/accountability.md.")]


def _policy(path: Path | None) -> CostPolicy:
    from politzek.accountability.policy import PolicyError, load_policy
    from politzek.cli import fail

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
    from politzek.cli import _check_country, _parse_date, _print_json, _require_schema, fail
    from politzek.registry.history import command_line_actor

    start, end = _parse_date(since, "--since"), _parse_date(until, "--until")
    if start and end and start > end:
        fail(f"--since: {since} is after --until {until}")
    country = _check_country(country)
    policy = _policy(policy_file)
    _require_schema()
    run = run_cost(policy, actor or command_line_actor(), start, end, country, dry_run=dry_run)
    if as_json:
        _print_json(run.as_dict())
        return
    _print_run(run)


def _print_run(run: CostRun) -> None:
    from rich.table import Table

    from politzek.accountability.run import monthly
    from politzek.cli import console

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
    include_restricted: Restricted = False,
    include_confidential: Confidential = False,
    as_json: JsonOutput = False,
) -> None:
    """The kept proposals with their status and evidence, most evidence first.
    Example: politzek cost proposals --authority EU --status proposed"""
    from rich.table import Table

    from politzek.accountability.proposals import STATUSES, proposal_rows
    from politzek.cli import _check_country, _print_json, _require_schema, _viewer, console, fail

    if status is not None and status not in STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(STATUSES)}")
    country = _check_country(country)
    _require_schema()
    rows = proposal_rows(_viewer(include_restricted, include_confidential), authority, status, country)
    if as_json:
        _print_json({"proposals": [r.as_dict() for r in rows]})
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
    from politzek.cli import _require_schema, console, fail
    from politzek.registry.history import command_line_actor

    _require_schema()
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
    include_restricted: Restricted = False,
    include_confidential: Confidential = False,
) -> None:
    """The proposals to one authority as an advocacy group submits them: CSV, or a printable
    HTML dossier with each official's cases and sentences.
    Example: politzek cost export --authority EU --format html eu-proposals.html"""
    from politzek.accountability.proposals import STATUSES
    from politzek.accountability.submission import submission_csv, submission_html
    from politzek.cli import _require_schema, _viewer, _write_text, console, fail

    if form not in ("csv", "html"):
        fail(f"--format: {form!r} is not one of csv, html")
    if status is not None and status not in STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(STATUSES)}")
    if not authority.strip():
        fail("--authority: empty; name the authority (EU, US, UK, CA…)")
    _require_schema()
    viewer = _viewer(include_restricted, include_confidential)
    text, count = (submission_csv if form == "csv" else submission_html)(authority.upper(), viewer, status)
    if not _write_text(out, text, "OUT"):
        return
    console.print(f"politzek: {count} proposals to {authority.upper()} written to {out}", highlight=False)
