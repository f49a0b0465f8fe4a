"""Which of a person's names a page shows first (names/script_order.py), and the same for a
list of people or officials read from the registry in one query."""

from __future__ import annotations

from collections.abc import Sequence

from politzek.names.script_order import (  # noqa: F401  (the pages' names for them)
    in_page_script,
    names_for_page,
    reading_order,
    script_of,
)


def page_names(person_ids: Sequence[int], page_language: str | None = None, officials: bool = False
               ) -> dict[int, str]:
    """Each person's (or, with `officials`, each official's) name this page shows first, from
    one query: a deal's releases, the accountability page's officials."""
    from politzek.registry.models import OfficialName, PersonName

    model, owner = (OfficialName, "official_id") if officials else (PersonName, "person_id")
    names: dict[int, list[str]] = {}
    for owner_id, name in model.objects.filter(**{f"{owner}__in": list(person_ids)}).order_by(
            owner, "-is_primary", "id").values_list(owner, "name"):
        names.setdefault(owner_id, []).append(name)
    return {owner_id: names_for_page(written, page_language)[0] for owner_id, written in names.items()}
