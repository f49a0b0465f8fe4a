"""What a write may change, by the writer's clearance: the write rule beside visibility.py's
read rule. A restore, a merge, an import or an API write by someone who cannot see a field
never overwrites or empties it, and a record's visibility is only lowered by someone cleared
for the level it has now."""

from __future__ import annotations

from typing import Any

from politzek.registry.models.base import Visibility
from politzek.registry.visibility import Clearance, Viewer, can_see

RANK = {Visibility.PUBLIC: Clearance.PUBLIC, Visibility.RESTRICTED: Clearance.RESTRICTED,
        Visibility.CONFIDENTIAL: Clearance.CONFIDENTIAL}


class AboveClearance(PermissionError):
    """The record is above the writer's clearance: the write is refused whole."""


def keep_what_is_hidden(current: Any, proposed: Any, viewer: Viewer) -> None:
    """Make `proposed` (a new state of the row `current`) change nothing above the viewer's
    clearance: private fields keep their current values. Raises AboveClearance when the
    viewer may not see the row at all (its text and visibility are then not theirs to change)."""
    if not can_see(current, viewer):
        raise AboveClearance(f"{type(current)._meta.verbose_name} {current.pk} is above your clearance")
    # Past this check the row's visibility is within the viewer's clearance, so whatever
    # visibility they give it is one they are cleared for.
    if not viewer.sees_private_fields:
        for name in getattr(type(current), "PRIVATE_FIELDS", ()):
            setattr(proposed, name, getattr(current, name))


def update_without_loss(current: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The values an automatic update (a re-import of a source's file) may write onto `current`:
    a visibility a documenter raised is never lowered, and a private field is never emptied
    because the file has nothing for it."""
    kept = dict(values)
    if "visibility" in kept and hasattr(current, "visibility") and RANK[kept["visibility"]] < RANK[current.visibility]:
        del kept["visibility"]
    for name in getattr(type(current), "PRIVATE_FIELDS", ()):
        if name in kept and not kept[name] and getattr(current, name):
            del kept[name]
    return kept


def reuse_or_create(model: Any, viewer: Viewer, lookup: dict[str, Any],
                    defaults: dict[str, Any] | None = None) -> tuple[Any, bool]:
    """The existing row of `model` matching `lookup` (a source by its address, a tag by its
    code…) that the writer may see, else a new one made from `lookup` and `defaults`.

    A write that names a record reuses it only if the writer may see it: linking a public
    person to a source only confidential people cite would publish that source's title and
    publisher (issue 33). Several matching rows are no error: the first visible one is used."""
    from politzek.registry.visibility import visible_records

    found = visible_records(model._default_manager.filter(**lookup), viewer).order_by("pk").first()
    if found is not None:
        return found, False
    return model._default_manager.create(**lookup, **(defaults or {})), True
