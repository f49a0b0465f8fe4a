from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "politzek.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from politzek.database import keep_sqlite_files_private
        from politzek.registry import history  # noqa: F401  (connects the history signal)

        connection_created.connect(keep_sqlite_files_private, dispatch_uid="politzek-private-files")
