"""WSGI entry point for the production server (`politzek serve` runs gunicorn on it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "politzek.settings")
application = get_wsgi_application()

from politzek.database import configure_web_connections  # noqa: E402  (settings must be loaded first)

configure_web_connections()
