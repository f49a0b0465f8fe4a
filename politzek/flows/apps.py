from django.apps import AppConfig


class FlowsConfig(AppConfig):
    name = "politzek.flows"
    label = "flows"
    verbose_name = "Flows"

    def ready(self) -> None:
        # Connects the request signals that keep the data's state once per read-only request.
        from politzek.flows import data_state  # noqa: F401
