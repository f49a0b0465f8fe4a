"""`politzek vet`: a proposed exchange list vetted against the registry and the criteria."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from politzek.cli_dedupe import Confidential, Restricted


def vet_command(
    path: Annotated[Path, typer.Argument(help="The list: CSV with a name column; optional birth_date, "
                                        "citizenship, notes, side.", metavar="LIST.csv")],
    form: Annotated[str, typer.Option("--format", help="md (for a negotiator), csv or json.")] = "md",
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
    include_restricted: Restricted = False,
    include_confidential: Confidential = False,
) -> None:
    """Vet an exchange list: for each entry the registry person (or ambiguous, or not in the
    registry), a verdict citing PACE Resolution 1900 and the violence exclusion, the flags a
    negotiator needs (violence, combatants, "spies", duplicates), and the most urgent
    political prisoners missing from the list.

    Example: politzek vet proposed.csv --format md --out vetting.md
    """
    from politzek.bargaining.exchange_list import save, vet_list
    from politzek.bargaining.vetting_report import FORMATS, render
    from politzek.cli import _check_country, _check_organizations, _require_schema, _viewer, _write_text, console, fail
    from politzek.names.lists import ListError

    if form not in FORMATS:
        fail(f"--format: {form!r} is not one of {', '.join(FORMATS)}")
    country = _check_country(country)
    _require_schema()
    _check_organizations(organizations)
    try:
        result = vet_list(path, _viewer(include_restricted, include_confidential), country=country,
                          organizations=frozenset(organizations) if organizations else None,
                          skip_invalid=skip_invalid, missing_limit=missing)
    except ListError as error:
        fail(str(error))
    if save_as:
        saved = save(result, save_as)
        typer.echo(f"politzek: saved as exchange list {saved.pk}", err=True)
    if _write_text(out, render(result, form), "--out"):
        console.print(f"politzek: {result.summary['entries']} entries vetted; written to {out}", highlight=False)
