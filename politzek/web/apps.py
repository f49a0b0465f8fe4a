from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "politzek.web"
    label = "web"
    verbose_name = "Public site and staff workspace"

    def ready(self) -> None:
        from politzek.web import accounts  # noqa: F401  (connects the account-change records)
        from politzek.web.staff.roles import ensure_roles

        # After every migrate, so new models' permissions join the roles.
        post_migrate.connect(ensure_roles, dispatch_uid="politzek-roles")
