from typing import Any

from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_migrate

# A web worker's bound on each of the matcher's memo tables (names/memo.py): measured on
# 100,000 people, 200 new surnames grew a worker by 128 MB unbounded and by 36 MB at 5,000,
# searching as fast.
WEB_MEMO_ENTRIES = 5000


def _trim_memo_tables(sender: Any, **kwargs: Any) -> None:
    from politzek.names.memo import trim

    trim(WEB_MEMO_ENTRIES)


class WebConfig(AppConfig):
    name = "politzek.web"
    label = "web"
    verbose_name = "Public site and staff workspace"

    def ready(self) -> None:
        from django.urls import register_converter

        from politzek.web import accounts  # noqa: F401  (connects the account-change records)
        from politzek.web.converters import RecordId
        from politzek.web.staff.roles import ensure_roles

        # After every migrate, so new models' permissions join the roles.
        post_migrate.connect(ensure_roles, dispatch_uid="politzek-roles")
        request_finished.connect(_trim_memo_tables, dispatch_uid="politzek-memo-tables")
        # Record ids in addresses (`<id:person_id>`): at most 18 digits, else 404.
        register_converter(RecordId, "id")
