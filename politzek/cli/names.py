"""`politzek match`: who in the registry a name (from a list, a court record, a sanctions
file) may be, each candidate with a score and the features that made it; and, without the
registry, scores for given pairs of names (`--pairs`) or the matches between two lists
(`--lists`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from politzek.cli.common import console, fail, print_json, require_schema, viewer_for, write_csv_rows

PAIRS_HELP = ("Score every row of a CSV of pairs (columns left, right, optional left_birth_date, "
              "right_birth_date) and write it back with score, same and why.")
LISTS_HELP = ("Cross-match two CSV lists (column name, optional id, birth_date; ';' between several "
              "names): write the pairs scoring at least --min-score.")


def match_command(
    name: Annotated[str | None, typer.Argument(help="The name, in any script and order: \"Kalesnikava M.\".")] = None,
    birth_date: Annotated[str | None, typer.Option(help="Birth date if known: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many candidates to show.")] = 5,
    pairs: Annotated[Path | None, typer.Option("--pairs", help=PAIRS_HELP)] = None,
    lists: Annotated[tuple[Path, Path] | None, typer.Option("--lists", help=LISTS_HELP)] = None,
    min_score: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="With --lists: the lowest score written (default: the operating threshold).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="With --pairs or --lists: the CSV file to write (default: standard output).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")] = False,
    include_restricted: Annotated[bool, typer.Option(
        "--include-restricted", help="Also consider restricted records (for registry staff).")] = False,
) -> None:
    """Find the registry people a name may be, best first, with scores and explanations; or
    score pairs of names, or cross-match two lists, without the registry.

    Examples: politzek match "Kalesnikava M." --birth-date 1982;
    politzek match --pairs pairs.csv --out scored.csv;
    politzek match --lists viasna.csv sanctions.csv --out matches.csv
    """

    modes = sum(x is not None for x in (name, pairs, lists))
    if modes != 1:
        fail("give one of NAME, --pairs FILE or --lists A.csv B.csv")
    if pairs is not None:
        _pairs(pairs, out, as_json)
    elif lists is not None:
        _lists(lists, min_score, out, as_json)
    else:
        assert name is not None
        _registry(name, birth_date, limit, as_json, include_restricted)


def _pairs(path: Path, out: Path | None, as_json: bool) -> None:
    from politzek.names.compare import THRESHOLD
    from politzek.names.lists import ListError, score_pairs

    try:
        scored = score_pairs(path)
    except ListError as error:
        fail(str(error))
    if as_json:
        print_json({"threshold": THRESHOLD, "pairs": [
            {**p.fields, "score": p.match.score, "same": p.match.same, "features": p.match.feature_dicts()}
            for p in scored]})
        return
    columns = list(scored[0].fields) if scored else ["left", "right"]
    rows = [{**p.fields, "score": f"{p.match.score:.3f}", "same": "true" if p.match.same else "false",
             "why": p.match.explain()} for p in scored]
    write_csv_rows(rows, [*columns, "score", "same", "why"], out)


def _lists(paths: tuple[Path, Path], min_score: float | None, out: Path | None, as_json: bool) -> None:
    from politzek.names.compare import THRESHOLD
    from politzek.names.lists import ListError, cross_match, read_list

    try:
        left, right = read_list(paths[0]), read_list(paths[1])
    except ListError as error:
        fail(str(error))
    found = cross_match(left, right, THRESHOLD if min_score is None else min_score)
    if as_json:
        print_json({"threshold": THRESHOLD, "left": str(paths[0]), "right": str(paths[1]), "matches": [
            {"left_row": m.left.row, "left_id": m.left.key, "left_name": m.left.names[0],
             "right_row": m.right.row, "right_id": m.right.key, "right_name": m.right.names[0],
             "score": m.match.score, "same": m.match.same, "features": m.match.feature_dicts()} for m in found]})
        return
    rows = [{"left_row": m.left.row, "left_id": m.left.key, "left_name": m.left.names[0],
             "left_birth_date": m.left.birth_date or "", "right_row": m.right.row, "right_id": m.right.key,
             "right_name": m.right.names[0], "right_birth_date": m.right.birth_date or "",
             "score": f"{m.match.score:.3f}", "same": "true" if m.match.same else "false", "why": m.match.explain()}
            for m in found]
    write_csv_rows(rows, ["left_row", "left_id", "left_name", "left_birth_date", "right_row", "right_id", "right_name",
                       "right_birth_date", "score", "same", "why"], out)


def _registry(name: str, birth_date: str | None, limit: int, as_json: bool, include_restricted: bool) -> None:
    from rich.table import Table

    from politzek.names.compare import THRESHOLD
    from politzek.registry.partial_date import PartialDate, PartialDateError

    if not name.strip():
        fail("NAME: empty; give the name to look for")
    if birth_date is not None:
        try:
            birth_date = str(PartialDate.parse(birth_date))
        except PartialDateError as error:
            fail(f"--birth-date: {birth_date!r}: {error}")
    require_schema()
    from politzek.registry.candidates import candidates

    found = candidates(name, viewer_for(include_restricted, False), birth_date, limit)
    if as_json:
        print_json({"query": name, "birth_date": birth_date, "threshold": THRESHOLD, "candidates": [
            {"person_id": c.person_id, "name": c.name, "birth_date": c.birth_date, "score": c.match.score,
             "same": c.match.same, "matched_name": c.match.record_name, "features": c.match.feature_dicts()}
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
