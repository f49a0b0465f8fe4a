from django.apps import AppConfig


class FlowsConfig(AppConfig):
    name = "politzek.flows"
    label = "flows"
    verbose_name = "Flows"
