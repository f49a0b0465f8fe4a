"""`politzek events`: withdraw or correct a recorded event, with the reason in its history
(registry/corrections.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from politzek.cli.common import console, fail, refresh_derived, require_schema

events = typer.Typer(help="A recorded event: withdraw it or correct it, with the reason kept.", no_args_is_help=True)

Reason = Annotated[str, typer.Option(help="Why: kept in the event's history.")]


def _viewer():  # noqa: ANN202
    from politzek.registry.visibility import Clearance, Viewer

    return Viewer(Clearance.CONFIDENTIAL)  # the server's operator, as every command that writes


@events.command("withdraw")
def withdraw(
    event_id: Annotated[int, typer.Argument(metavar="ID", help="The event's id (`politzek show PERSON` lists them).")],
    reason: Reason,
) -> None:
    """Take a wrong event out of a person's timeline; it stays in the history.

    Example: politzek events withdraw 4812 --reason "the press misreported the date; see Viasna 2025-09-12"
    """
    from politzek.registry.corrections import CorrectionError, withdraw_event
    from politzek.registry.history import command_line_actor

    require_schema()
    try:
        event = withdraw_event(event_id, _viewer(), command_line_actor(), reason)
    except CorrectionError as error:
        fail(str(error))
    refresh_derived()
    console.print(f"politzek: event {event_id} ({event.kind} {event.date or 'undated'}) of person "
                  f"{event.person_id} withdrawn", highlight=False, markup=False)


@events.command("correct")
def correct(
    event_id: Annotated[int, typer.Argument(metavar="ID", help="The event's id.")],
    reason: Reason,
    kind: Annotated[str | None, typer.Option(help="The right kind (e.g. released_pardon).")] = None,
    date: Annotated[str | None, typer.Option(help="The right date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    description: Annotated[str | None, typer.Option(help="The right description.")] = None,
    visibility: Annotated[str | None, typer.Option(help="public, restricted or confidential.")] = None,
) -> None:
    """Correct an event's kind, date, description or visibility, checked as a new event is.

    Example: politzek events correct 4812 --date 2025-09-11 --reason "date from the court record"
    """
    from politzek.registry.corrections import CorrectionError, correct_event
    from politzek.registry.history import command_line_actor

    require_schema()
    try:
        event = correct_event(event_id, _viewer(), command_line_actor(), reason, kind=kind, date=date,
                              description=description, visibility=visibility)
    except CorrectionError as error:
        fail(str(error))
    refresh_derived()
    console.print(f"politzek: event {event_id} corrected: {event.kind} {event.date or 'undated'}",
                  highlight=False, markup=False)
