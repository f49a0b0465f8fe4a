"""`politzek history`: remove a dangerous value from a record's history (docs/privacy.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from politzek.cli.common import console, fail, require_schema

history = typer.Typer(help="A record's history: purge a dangerous value from it.", no_args_is_help=True)


@history.command("purge")
def purge(
    model: Annotated[str, typer.Argument(help="The kind of record: person, personname, event, case…")],
    record_id: Annotated[int, typer.Argument(help="The record's id.")],
    field: Annotated[str, typer.Option(help="The text field to purge, e.g. description or name.")],
    reason: Annotated[str, typer.Option(help="Why: kept with the tombstone.")],
    actor: Annotated[str, typer.Option(help="Your staff account: an admin with confidential clearance.")],
    value: Annotated[str | None, typer.Option(
        help="Purge only the versions holding this text (default: every version but the latest).")] = None,
) -> None:
    """Replace a field's value in every earlier version of one record with a tombstone
    ("[purged DATE by ACTOR: REASON]"). The record itself is not changed: edit it first.

    Example: politzek history purge event 412 --field description --value "address" --reason "risk" --actor anna
    """
    from django.contrib.auth.models import User

    from politzek.registry.purge import PurgeError, purge_history

    require_schema()
    user = User.objects.filter(username=actor).first()
    if user is None:
        fail(f"--actor: no user named {actor!r}")
    try:
        done = purge_history(model, record_id, field, reason, user, value)
    except PurgeError as error:
        fail(str(error))
    console.print(f"politzek: {done.versions} earlier version(s) of {done.model} {record_id}.{field} purged "
                  f"(tombstone {done.pk})", highlight=False, markup=False)
