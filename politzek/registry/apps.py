from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "politzek.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from politzek.registry import history  # noqa: F401  (connects the history signal)
