"""Insert many rows at once with their history rows: the demo generator and importers use
this instead of saving one object at a time (bulk_create sends no signals, so the history
rows are written here, with the same actor and reason a single save would record)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

BATCH_SIZE = 2000


def bulk_insert(model: type[models.Model], objects: Sequence[models.Model], actor: str, reason: str) -> int:
    """Insert `objects` (their primary keys are set afterwards) and one history row each.
    Returns the number of rows written."""
    if not objects:
        return 0
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    history = getattr(model, "history", None)
    if history is None or not hasattr(history, "bulk_history_create"):
        return len(objects)
    history.bulk_history_create(
        objects, batch_size=BATCH_SIZE, default_change_reason=reason,
        custom_historical_attrs={"history_actor": actor},
    )
    return 2 * len(objects)
