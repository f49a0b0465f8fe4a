from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "politzek.web"
    label = "web"
    verbose_name = "Public site"
