"""`politzek deals` and `politzek vet`: the ledger of release deals, what each cost and what followed it,
and proposed exchange lists vetted against the registry and the criteria."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from politzek.cli.common import (
    Actor,
    IncludeConfidential,
    IncludeRestricted,
    JsonOutput,
    Organizations,
    check_country,
    check_organizations,
    console,
    fail,
    parse_date,
    print_json,
    require_schema,
    viewer_for,
    write_text,
)

deals = typer.Typer(help="Release deals: record them, list them, their impact and their price.",
                    no_args_is_help=True)


def _deal(deal_id: int) -> Any:
    from politzek.registry.models import Deal

    deal = Deal.objects.filter(pk=deal_id).first()
    if deal is None:
        fail(f"DEAL: no deal with id {deal_id}; `politzek deals list` shows them")
    return deal


@deals.command("list")
def list_deals(as_json: JsonOutput = False) -> None:
    """Every deal, oldest first. Example: politzek deals list --json"""
    from politzek.bargaining.ledger import deal_summary
    from politzek.registry.models import Deal

    require_schema()
    rows = [deal_summary(deal) for deal in Deal.objects.order_by("date", "id")]
    if as_json:
        print_json({"deals": rows})
        return
    from rich.table import Table

    table = Table("id", "date", "kind", "name", "released", "returned", "concessions")
    for row in rows:
        table.add_row(str(row["id"]), row["date"] or "?", row["kind"],
                      row["name"] + (" (synthetic)" if row["synthetic"] else ""), str(row["released_by_regime"]),
                      str(row["returned_to_regime"]), str(row["concessions"]))
    console.print(table)


@deals.command("show")
def show_deal(
    deal_id: Annotated[int, typer.Argument(metavar="DEAL", help="The deal's id.")],
    as_json: JsonOutput = False,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """One deal: parties, the people released and returned, concessions, sources. People the
    viewer may not see are counted, never named. Example: politzek deals show 3"""
    from politzek.bargaining.ledger import deal_detail

    require_schema()
    deal = _deal(deal_id)
    data = deal_detail(deal, viewer_for(include_restricted, include_confidential))
    people, hidden = data["released"], data["not_shown"]
    if as_json:
        print_json(data)
        return
    console.print(f"{deal.name}{' (synthetic demo deal)' if deal.synthetic else ''}\n  {data['date'] or '?'}, "
                  f"{deal.get_kind_display()}; parties: {', '.join(deal.parties) or '?'}"
                  + (f"; mediator: {deal.mediator}" if deal.mediator else ""), highlight=False, markup=False)
    for person in people:
        who = (f"{person['person_id']} {person['name']}" if person["person_id"]
               else f"{person['name']} (not in registry)")
        console.print(f"  {person['direction'].replace('_', ' ')}: {who}"
                      + (f" -> {person['destination']}" if person["destination"] else ""),
                      highlight=False, markup=False)
    if hidden:
        console.print(f"  and {hidden} more released whose records are not public", highlight=False)
    for concession in data["concessions"]:
        value = f" (${concession['value_usd']:,.0f})" if concession["value_usd"] else ""
        console.print(f"  conceded: {concession['kind'].replace('_', ' ')}: {concession['description']}{value}",
                      highlight=False, markup=False)
    for source in data["sources"]:
        console.print(f"  source: {source['title'] or ''} {source['url']}".rstrip(), highlight=False, markup=False)


@deals.command("impact")
def impact_command(
    deal_id: Annotated[int, typer.Argument(metavar="DEAL", help="The deal's id.")],
    weeks: Annotated[list[int] | None, typer.Option("--weeks", help="Window lengths in weeks (repeatable; "
                                                    "default 4, 12, 26).")] = None,
    country: Annotated[str | None, typer.Option(help="The country whose timeline counts (default: the one that "
                                                "held the people released).")] = None,
    organizations: Organizations = None,
    as_json: JsonOutput = False,
) -> None:
    """What followed a deal: new detentions and recognitions before and after it (rate
    ratios with 95% intervals), the change in political prisoners, for every N released
    M new, and who was released. Example: politzek deals impact 3 --weeks 12"""
    from politzek.bargaining.impact import WINDOWS, ImpactError, deal_impact

    country = check_country(country)
    require_schema()
    check_organizations(organizations)
    if weeks and any(w < 1 or w > 520 for w in weeks):
        fail(f"--weeks: {[w for w in weeks if w < 1 or w > 520][0]} is not between 1 and 520")
    deal = _deal(deal_id)
    try:
        impact = deal_impact(deal, tuple(weeks) if weeks else WINDOWS, country,
                             tuple(organizations) if organizations else None)
    except ImpactError as error:
        fail(str(error))
    if as_json:
        print_json(impact.as_dict())
        return
    from politzek.bargaining.impact_report import impact_text

    typer.echo(impact_text(impact))


@deals.command("price")
def price_command(
    country: Annotated[str | None, typer.Option(help="Only deals with this holding country.")] = None,
    organizations: Organizations = None,
    chart: Annotated[Path | None, typer.Option(help="Write the price chart to this .svg or .png file.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """What each deal conceded per recognized political prisoner released, in date order,
    and whether the price is rising. Example: politzek deals price --country BY --chart price.svg"""
    from politzek.bargaining.price import deal_prices, trend

    country = check_country(country)
    require_schema()
    check_organizations(organizations)
    if chart is not None and chart.suffix not in (".svg", ".png"):
        fail(f"--chart: {str(chart)!r} must end in .svg or .png")
    prices = deal_prices(country, tuple(organizations) if organizations else None)
    if chart is not None:
        from politzek.bargaining.charts import price_chart

        price_chart(prices, chart)
    if as_json:
        print_json({"deals": [p.as_dict() for p in prices], "trend": trend(prices)})
        return
    from rich.table import Table

    table = Table("date", "deal", "released: announced / listed / in registry / recognized",
                  "conceded (valued, USD)", "USD per person announced", "USD per recognized prisoner",
                  "unvalued concessions")
    for p in prices:
        per, announced = p.usd_per_prisoner, p.usd_per_announced
        table.add_row(str(p.deal.date), p.deal.name + (" (synthetic)" if p.deal.synthetic else ""),
                      f"{p.announced_released if p.announced_released is not None else '?'} / "
                      f"{p.released_by_regime} / {p.in_registry} / {p.political_prisoners_released}",
                      f"{float(p.valued_usd):,.0f}", f"{announced:,.0f}" if announced is not None else "-",
                      f"{per:,.0f}" if per is not None else "-", p.unvalued_text or "-")
    console.print(table)
    # Each price with what it rests on, in words that fit any terminal.
    for p in prices:
        if p.is_range and p.per_announced_range:
            low, high = p.per_announced_range
            console.print(f"{p.deal.date} {p.deal.name}: between {low:,.0f} and {high:,.0f} USD per person announced "
                          f"released ({p.announced_released} announced; the valued concessions range from "
                          f"{float(p.valued_usd):,.0f} to {float(p.valued_high):,.0f} USD, measured as "
                          f"{', '.join(b.replace('_', ' ') for b in p.bases)})", highlight=False, markup=False)
        elif p.usd_per_announced is not None:
            console.print(f"{p.deal.date} {p.deal.name}: {p.usd_per_announced:,.0f} USD per person announced released "
                          f"({p.announced_released} announced, {p.released_by_regime} named, {p.in_registry} in the "
                          f"registry, {p.political_prisoners_released} recognized)", highlight=False, markup=False)
        elif p.usd_per_prisoner is not None:
            console.print(f"{p.deal.date} {p.deal.name}: {p.usd_per_prisoner:,.0f} USD per recognized political "
                          f"prisoner the registry links ({p.political_prisoners_released} of {p.released_by_regime} "
                          "named; how many were announced is not recorded)", highlight=False, markup=False)
        if p.recognized_not_held:
            console.print(f"{p.deal.date} {p.deal.name}: {p.recognized_not_held} of the "
                          f"{p.political_prisoners_released} recognized political prisoners released had no custody "
                          f"on record the day before; the number held falls by {p.stock_fall}",
                          highlight=False, markup=False)
    console.print(f"price per political prisoner: {trend(prices)}", highlight=False)


@deals.command("add")
def add_command(
    path: Annotated[Path, typer.Argument(metavar="DEAL.toml", help="The deal file (format: docs/bargaining.md).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and link, write nothing.")] = False,
    no_events: Annotated[bool, typer.Option("--no-events", help="Write no release events on the released "
                                            "people's timelines (the default writes one per person).")] = False,
    merge_duplicates: Annotated[bool, typer.Option(
        "--merge-duplicates", help="Record people the file lists twice (two spellings, one registry person) once; "
        "without it such a file is refused, naming both entries.")] = False,
    actor: Actor = None,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """Record a deal from a TOML file: released people linked to the registry by id or by
    name through the matcher. Example: politzek deals add september-2025.toml --dry-run"""
    from politzek.bargaining.deal_file import DealFileError, record_deal
    from politzek.registry.history import command_line_actor

    require_schema()
    try:
        deal, linked = record_deal(path, actor or command_line_actor(), viewer_for(include_restricted,
                                   include_confidential), dry_run, events=not no_events,
                                   merge_duplicates=merge_duplicates)
    except DealFileError as error:
        fail(str(error))
    for name, person in linked.linked:
        console.print(f"  linked: {name} -> person {person}", highlight=False, markup=False)
    for name, why in linked.unlinked:
        console.print(f"  kept by name: {name} ({why})", highlight=False, markup=False)
    for name, person, kind in linked.events:
        console.print(f"  release event: {name} (person {person}): {kind}", highlight=False, markup=False)
    for dropped, kept, why in linked.merged:
        console.print(f"  merged: {dropped} into {kept} ({why})", highlight=False, markup=False)
    for name, person, why in linked.no_event:
        console.print(f"  no release event: {name} (person {person}): {why}", highlight=False, markup=False)
    if deal is None:
        console.print(f"politzek: {path} is valid; nothing written (--dry-run)", highlight=False)
    else:
        console.print(f"politzek: deal {deal.pk} recorded: {deal.name}", highlight=False, markup=False)


def vet_command(
    path: Annotated[Path, typer.Argument(help="The list: CSV with a name column; optional birth_date, "
                                        "citizenship, notes, and which way each person goes: side, direction, "
                                        "released_by, received_by.", metavar="LIST.csv")],
    form: Annotated[str, typer.Option("--format", help="md or html (for a negotiator, as is), xlsx, csv or json."
                                      )] = "md",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of the screen.")] = None,
    country: Annotated[str | None, typer.Option(help="The country holding the people (default: the most common "
                                                "among those matched); for who is missing from the list.")] = None,
    organizations: Annotated[list[str] | None, typer.Option(
        "--org", help="Count only recognitions by these organizations (repeatable; default: every human-rights "
        "group in the registry).")] = None,
    missing: Annotated[int, typer.Option(help="How many missing political prisoners to list, most urgent first.")
                       ] = 20,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Set unreadable rows aside (listed in the "
                                               "output) instead of stopping at the first.")] = False,
    save_as: Annotated[str | None, typer.Option("--save", help="Keep the list and its verdicts under this title "
                                                "(staff pages show it).")] = None,
    at: Annotated[str | None, typer.Option("--at", help="Vet as of this day (YYYY-MM-DD): custody, time served "
                                           "and age are counted to it. Default: today.")] = None,
    to_regime: Annotated[list[str] | None, typer.Option(
        "--to-regime", help="COLUMN=VALUE: entries with this value go to the regime, the other side of the exchange "
        "(repeatable; default: read side, direction, released_by and received_by against --country).")] = None,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """Vet an exchange list: for each entry the registry person (or ambiguous, or not in the
    registry), a verdict citing PACE Resolution 1900 and the violence exclusion, the flags a
    negotiator needs (violence, combatants, "spies", duplicates), and the most urgent
    political prisoners missing from the list.

    Example: politzek vet proposed.csv --format md --out vetting.md
    """
    from politzek.bargaining.exchange_list import save, vet_list
    from politzek.bargaining.vetting_report import BINARY_FORMATS, FORMATS, render, render_bytes
    from politzek.names.lists import ListError

    if form not in FORMATS:
        fail(f"--format: {form!r} is not one of {', '.join(FORMATS)}")
    if form in BINARY_FORMATS and out is None:
        fail(f"--format {form}: give --out FILE (a workbook is not written to the screen)")
    pairs = []
    for given in to_regime or []:
        column, equals, value = given.partition("=")
        if not equals or not column.strip() or not value.strip():
            fail(f"--to-regime: {given!r} is not COLUMN=VALUE (e.g. side=RU)")
        pairs.append((column.strip(), value.strip()))
    day = parse_date(at, "--at")
    country = check_country(country)
    require_schema()
    check_organizations(organizations)
    try:
        result = vet_list(path, viewer_for(include_restricted, include_confidential), country=country,
                          organizations=frozenset(organizations) if organizations else None,
                          skip_invalid=skip_invalid, missing_limit=missing, day=day, to_regime=tuple(pairs))
    except ListError as error:
        fail(str(error))
    if save_as:
        saved = save(result, save_as)
        typer.echo(f"politzek: saved as exchange list {saved.pk}", err=True)
    if form in BINARY_FORMATS:
        assert out is not None
        try:
            out.write_bytes(render_bytes(result, form))
        except OSError as error:
            fail(f"--out: cannot write {out}: {error.strerror}")
        console.print(f"politzek: {result.summary['entries']} entries vetted; written to {out}", highlight=False)
    elif write_text(out, render(result, form), "--out"):
        console.print(f"politzek: {result.summary['entries']} entries vetted; written to {out}", highlight=False)
