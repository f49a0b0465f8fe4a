"""`politzek dedupe` and `politzek merge`: likely duplicates in the registry, the review queue,
the reviewer's decisions, and merges that can be undone."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from politzek.cli.common import (
    Actor,
    IncludeConfidential,
    IncludeRestricted,
    console,
    fail,
    print_json,
    refresh_derived,
    require_schema,
    viewer_for,
    write_csv_rows,
)


def _candidate_json(candidate: Any, names: dict[int, str]) -> dict[str, Any]:
    return {"left": candidate.left_id, "left_name": names.get(candidate.left_id, ""), "right": candidate.right_id,
            "right_name": names.get(candidate.right_id, ""), "score": candidate.score,
            "features": candidate.features}


def _names(ids: set[int]) -> dict[int, str]:
    from politzek.flows.listing import primary_names
    from politzek.registry.models import Person

    return primary_names(Person.objects.filter(pk__in=ids))


def dedupe_command(
    review: Annotated[bool, typer.Option("--review", help="Walk the queue: decide each pair same, different "
                                         "or unsure (same merges them).")] = False,
    unsure: Annotated[bool, typer.Option("--unsure", help="Show or review the pairs marked unsure.")] = False,
    judge: Annotated[tuple[int, int] | None, typer.Option(
        "--judge", help="Decide one pair without prompting: --judge 12 34 --as different.")] = None,
    judgement: Annotated[str | None, typer.Option("--as", help="With --judge: same, different or unsure.")] = None,
    keep: Annotated[int | None, typer.Option(help="With a 'same' decision: the id to keep (default: the older).")
                    ] = None,
    reason: Annotated[str, typer.Option(help="Why, for the history.")] = "",
    against: Annotated[Path | None, typer.Option(
        "--list", help="Instead: match a CSV list (column name, optional id, birth_date) against the registry "
        "and write, per entry, the registry person it is, 'ambiguous' or 'not in the registry'.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="With --list: the CSV file to write.")] = None,
    min_score: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="The lowest score queued (default: the review threshold, 0.6).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many queued pairs to show.")] = 20,
    actor: Actor = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")] = False,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """Find likely duplicates in the registry and queue them for review; decide them.

    Examples: politzek dedupe --include-restricted; politzek dedupe --review;
    politzek dedupe --list other-group.csv --include-restricted --out matched.csv;
    politzek dedupe --judge 12 34 --as different --reason "namesakes, different fathers"
    """
    from politzek.registry import dedupe
    from politzek.registry.history import command_line_actor

    require_schema()
    viewer = viewer_for(include_restricted, include_confidential)
    who = actor or command_line_actor()
    if against is not None:
        _against_list(against, viewer, out, as_json)
        return
    if judge is not None:
        if judgement is None:
            fail("--judge needs --as same, different or unsure")
        try:
            merge_id = dedupe.judge(judge[0], judge[1], judgement, who, reason, keep)
        except (dedupe.JudgementError, ValueError) as error:
            fail(str(error))
        refresh_derived()
        console.print(f"politzek: {judge[0]} and {judge[1]}: {judgement}" +
                      (f" (merge {merge_id}; undo with `politzek merge --undo {merge_id}`)" if merge_id else ""),
                      highlight=False)
        return
    if review:
        _review(viewer, who, unsure)
        return
    if not unsure:
        found = dedupe.find_duplicates(viewer, dedupe.REVIEW_THRESHOLD if min_score is None else min_score)
    waiting = dedupe.queue(viewer, unsure)
    names = _names({c.left_id for c in waiting[:limit]} | {c.right_id for c in waiting[:limit]})
    if as_json:
        summary = {} if unsure else {"people": found.people, "compared": found.compared, "proposed": found.proposed,
                                     "new": found.new}
        print_json({**summary, "threshold": dedupe.THRESHOLD, "waiting": len(waiting),
                     "queue": [_candidate_json(c, names) for c in waiting[:limit]]})
        return
    if not unsure:
        console.print(f"politzek: {found.people} people, {found.compared} pairs compared, {found.proposed} likely "
                      f"duplicates not yet judged ({found.new} new); {len(waiting)} waiting for review",
                      highlight=False)
    from rich.table import Table

    table = Table("score", "left", "right", "why")
    for c in waiting[:limit]:
        table.add_row(f"{c.score:.2f}", f"{c.left_id} {names.get(c.left_id, '')}",
                      f"{c.right_id} {names.get(c.right_id, '')}", "; ".join(f["detail"] for f in c.features))
    console.print(table)


def _against_list(path: Path, viewer: Any, out: Path | None, as_json: bool) -> None:
    """Each entry of a list beside the registry person it is (or the candidates when two fit)."""
    from politzek.names.compare import THRESHOLD
    from politzek.names.lists import ListError, read_list
    from politzek.registry.candidates import candidates_for

    try:
        entries = read_list(path)
    except ListError as error:
        fail(str(error))
    rows = []
    everyone = candidates_for([(entry.names[0], entry.birth_date) for entry in entries], viewer, limit=5)
    for entry, found in zip(entries, everyone, strict=True):
        fitting = [c for c in found if c.match.same]
        verdict = ("not in the registry" if not fitting else "ambiguous" if len(fitting) > 1
                   else "in the registry")
        best = fitting[0] if fitting else (found[0] if found else None)
        rows.append({"row": entry.row, "id": entry.key, "name": entry.names[0], "birth_date": entry.birth_date or "",
                     "verdict": verdict, "person_id": best.person_id if best and fitting else "",
                     "person_name": best.name if best and fitting else "",
                     "score": f"{best.match.score:.3f}" if best else "",
                     "candidates": " ".join(str(c.person_id) for c in fitting),
                     "why": best.match.explain() if best else ""})
    if as_json:
        print_json({"list": str(path), "threshold": THRESHOLD, "entries": rows})
        return
    write_csv_rows(rows, ["row", "id", "name", "birth_date", "verdict", "person_id", "person_name", "score",
                       "candidates", "why"], out)


def _describe(person_id: int) -> str:
    from politzek.registry.models import Person

    person = Person.objects.prefetch_related("names", "events").get(pk=person_id)
    names = " / ".join(n.name for n in person.names.all())
    events = ", ".join(f"{e.kind} {e.date or ''}".strip() for e in person.events.all().order_by("date_earliest")[:6])
    return (f"  {person.pk}: {names}\n     born {person.birth_date or '?'}, {person.country or '?'}, "
            f"{person.visibility}{', synthetic' if person.synthetic else ''}; events: {events or 'none'}")


def _review(viewer: Any, who: str, unsure: bool) -> None:
    from politzek.registry import dedupe

    waiting = dedupe.queue(viewer, unsure)
    if not waiting:
        console.print("politzek: nothing waits for review; run `politzek dedupe` to look for duplicates",
                      highlight=False)
        return
    decided = 0
    answers = {"s": "same", "d": "different", "u": "unsure"}
    for candidate in waiting:
        if not dedupe.still_waiting(candidate):
            continue  # merged away by an earlier answer in this walk
        console.print(f"\n[{candidate.score:.2f}] " + "; ".join(f["detail"] for f in candidate.features),
                      highlight=False, markup=False)
        console.print(_describe(candidate.left_id), highlight=False, markup=False)
        console.print(_describe(candidate.right_id), highlight=False, markup=False)
        console.print("  same, different, unsure, skip or quit? [s/d/u/k/q] ", end="", highlight=False)
        line = sys.stdin.readline()
        answer = line.strip().lower()[:1]
        if not line or answer == "q":
            break
        if answer not in answers:
            continue
        merge_id = dedupe.judge(candidate.left_id, candidate.right_id, answers[answer], who)
        decided += 1
        if merge_id:
            console.print(f"  merged {candidate.right_id} into {candidate.left_id} (merge {merge_id})",
                          highlight=False)
    if decided:
        refresh_derived()
    console.print(f"\npolitzek: {decided} decided", highlight=False)


def merge_command(
    kept: Annotated[int | None, typer.Argument(help="The id of the record to keep.")] = None,
    merged: Annotated[int | None, typer.Argument(help="The id of the record merged into it.")] = None,
    undo: Annotated[int | None, typer.Option("--undo", help="Undo this merge (its id, from `merge --list`).")] = None,
    list_merges: Annotated[bool, typer.Option("--list", help="List the merges, newest first.")] = False,
    reason: Annotated[str, typer.Option(help="Why, for the history.")] = "",
    actor: Actor = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON.")] = False,
    include_restricted: IncludeRestricted = False,
    include_confidential: IncludeConfidential = False,
) -> None:
    """Merge two records of one person (every name, event, source and history entry is kept),
    list merges, or undo one.

    Examples: politzek merge 12 34 --reason "same passport number"; politzek merge --undo 5
    """
    from politzek.registry.history import command_line_actor
    from politzek.registry.merge import MergeError, merge_people, undo_merge
    from politzek.registry.models import Person, PersonMerge
    from politzek.registry.visibility import visible_people

    require_schema()
    who = actor or command_line_actor()
    if list_merges:
        # A merge's reason may name the person: list only those whose kept record you may see.
        visible = visible_people(Person.objects.all(), viewer_for(include_restricted, include_confidential))
        merges = list(PersonMerge.objects.filter(kept__in=visible).order_by("-merged_at", "-id"))
        rows = [{"merge": m.pk, "kept": m.kept_id, "merged": m.merged_person_id, "actor": m.actor, "reason": m.reason,
                 "merged_at": m.merged_at.isoformat(), "undone_at": m.undone_at.isoformat() if m.undone_at else None}
                for m in merges]
        if as_json:
            print_json({"merges": rows})
        else:
            for row in rows:
                console.print(f"{row['merge']}: {row['merged']} into {row['kept']} by {row['actor']} "
                              f"{row['merged_at'][:16]}" + (" (undone)" if row["undone_at"] else ""), highlight=False)
        return
    try:
        if undo is not None:
            if kept is not None:
                fail("give either --undo MERGE or KEPT MERGED, not both")
            restored = undo_merge(undo, who, reason)
            refresh_derived()
            message = f"politzek: merge {undo} undone; person {restored.pk} is back"
            payload: dict[str, Any] = {"undone": undo, "restored": restored.pk}
        else:
            if kept is None or merged is None:
                fail("give KEPT MERGED (two person ids), --undo MERGE or --list")
            merge = merge_people(kept, merged, who, reason)
            refresh_derived()
            message = (f"politzek: person {merged} merged into {kept} (merge {merge.pk}; "
                       f"undo: politzek merge --undo {merge.pk})")
            payload = {"merge": merge.pk, "kept": kept, "merged": merged}
    except MergeError as error:
        fail(str(error))
    if as_json:
        print_json(payload)
    else:
        console.print(message, highlight=False)
