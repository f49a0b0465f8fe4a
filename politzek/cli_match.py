"""`politzek match NAME`: who in the registry a name (from a list, a court record, a sanctions
file) may be, each candidate with a score and the features that made it."""

from __future__ import annotations

from typing import Annotated

import typer


def match_command(
    name: Annotated[str, typer.Argument(help="The name, in any script and order: \"Kalesnikava M.\".")],
    birth_date: Annotated[str | None, typer.Option(help="Birth date if known: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many candidates to show.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")] = False,
    include_restricted: Annotated[bool, typer.Option(
        "--include-restricted", help="Also consider restricted records (for registry staff).")] = False,
) -> None:
    """Find the registry people a name may be, best first, with scores and explanations.

    Example: politzek match "Kalesnikava M." --birth-date 1982
    """
    from rich.table import Table

    from politzek.cli import _print_json, _require_schema, _viewer, console, fail
    from politzek.names.compare import THRESHOLD
    from politzek.registry.partial_date import PartialDate, PartialDateError

    if not name.strip():
        fail("NAME: empty; give the name to look for")
    if birth_date is not None:
        try:
            birth_date = str(PartialDate.parse(birth_date))
        except PartialDateError as error:
            fail(f"--birth-date: {birth_date!r}: {error}")
    _require_schema()
    from politzek.registry.candidates import candidates

    found = candidates(name, _viewer(include_restricted, False), birth_date, limit)
    if as_json:
        _print_json({"query": name, "birth_date": birth_date, "threshold": THRESHOLD, "candidates": [
            {"person_id": c.person_id, "name": c.name, "birth_date": c.birth_date, "score": c.match.score,
             "same": c.match.same, "matched_name": c.match.record_name,
             "features": [{"name": f.name, "score": f.score, "conflict": f.conflict, "detail": f.detail}
                          for f in c.match.features]}
            for c in found]})
        return
    if not found:
        console.print(f"politzek: no one in the registry shares a word of {name!r}", highlight=False)
        return
    table = Table("score", "same?", "id", "name", "born", "why")
    for c in found:
        table.add_row(f"{c.match.score:.2f}", "yes" if c.match.same else "no", str(c.person_id), c.name,
                      c.birth_date or "", c.match.explain())
    console.print(table)
