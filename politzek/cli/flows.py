"""`politzek report`: stock and flows of political prisoners over a period."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from politzek.cli.common import check_country, check_organizations, errors, fail, parse_date, require_schema


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

    last = parse_date(date_to, "--to") or dt.date.today()
    first = parse_date(date_from, "--from") or last - dt.timedelta(days=27)
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
    country = check_country(country)
    require_schema()
    check_organizations(org)
    scope = Scope(country=country, region=region, gender=gender, tag=tag,
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
