"""`politzek figures`: organizations' reported figures (a total held on a day, counts for a
period), each with its source, and beside each the registry's own count and share
(registry/reported_file.py, flows/reported.py, docs/reported-figures.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from politzek.cli.common import (
    JsonOutput,
    check_country,
    console,
    fail,
    parse_date,
    print_json,
    refresh_derived,
    require_schema,
)

figures = typer.Typer(help="Figures organizations report, beside the registry's own counts.", no_args_is_help=True)


@figures.command("import")
def import_figures(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV, XLSX, ODS, JSON or YAML table of figures.")],
) -> None:
    """Record reported figures, one per row with its source; a re-import updates them.

    Columns: organization, country, kind, value, source_url (required); qualifier, as_of,
    period_start, period_end, day_stated, source_title, source_published, quote, note.

    Example: politzek figures import viasna-totals-2025.csv
    """
    from politzek.ingest.errors import ImportError_
    from politzek.registry.reported_file import read_figures, write_figures
    from politzek.registry.visibility import Viewer

    require_schema()
    try:
        rows = read_figures(file)
    except ImportError_ as error:
        fail(str(error))
    # Sources are reused only when the public may see them: a figure is published with its source.
    created, updated = write_figures(rows, Viewer.public())
    refresh_derived()
    console.print(f"politzek: {file}: {created} figures recorded, {updated} updated", highlight=False, markup=False)


@figures.command("list")
def list_figures(
    country: Annotated[str | None, typer.Option(help="Only this country (ISO code).")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. total_held.")] = None,
    at: Annotated[str | None, typer.Option(help="Only figures as of this day or before (YYYY-MM-DD).")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Each reported figure with the registry's count of the same thing and its share.

    Example: politzek figures list --country BY --kind total_held
    """
    from politzek.flows.reported import reported_beside_registry
    from politzek.registry.reported_file import KINDS
    from politzek.registry.visibility import Viewer

    code = check_country(country)
    if kind is not None and kind not in KINDS:
        fail(f"--kind: {kind!r} is not a kind of figure; known: {', '.join(KINDS)}")
    day = parse_date(at, "--at")
    require_schema()
    rows = reported_beside_registry(Viewer.public(), code, kind, day)
    if as_json:
        print_json({"figures": [row.as_dict() for row in rows]})
        return
    if not rows:
        console.print("No reported figures recorded" + (f" for {code}" if code else "") + ".")
        return
    for row in rows:
        source = row.figure.source.url if row.source_shown else "(source not shown)"
        console.print(f"{row.figure.country}  {row.sentence()}  {source}", highlight=False, markup=False)
