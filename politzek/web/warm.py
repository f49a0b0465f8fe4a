"""Work done once in the server's main process, before it forks its workers: the public
list's count and facets for a visitor (seven aggregate queries over the whole registry,
1–2 s on 100,000 people). Computed there, they are in every worker's copy of the local cache
from the first request, or in the shared cache (POLITZEK_CACHE) for every server; without it
each worker paid them on its first list request after a restart, the moment a spike arrives."""

from __future__ import annotations

import sys

from django.db import DatabaseError

from politzek.registry.visibility import Viewer


def warm_public_list() -> bool:
    """Compute the public list's count and facets; False (and one line on stderr) when the
    database cannot answer yet: the workers will then compute them on their first request."""
    from politzek.web.public.people_list import ListQuery, count, facets, listings

    query, viewer = ListQuery.from_params({}), Viewer.public()
    try:
        listings(query, viewer)  # brings the derived tables up to date first
        count(query, viewer)
        facets(query, viewer)
    except DatabaseError as failed:
        print(f"politzek serve: the list's facets were not computed ahead ({failed}); "
              "the first request of each worker computes them", file=sys.stderr)
        return False
    return True
