"""The production web server: gunicorn serving the WSGI application (never runserver)."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.db import connections

        from politzek.web.warm import warm_public_list
        from politzek.wsgi import application

        warm_public_list()
        # The workers are forked from this process: none may inherit its open connections.
        connections.close_all()
        return application


def trusted_proxies() -> str:
    """The addresses whose X-Forwarded-* headers gunicorn believes (POLITZEK_TRUSTED_PROXIES,
    comma-separated): none unless named. gunicorn's own default trusts loopback, so anyone
    able to reach the server there (or through a proxy that passes the headers on) could set
    the scheme every absolute link is built with."""
    return ",".join(part.strip() for part in os.environ.get("POLITZEK_TRUSTED_PROXIES", "").split(",")
                    if part.strip())


def run_server(host: str, port: int, workers: int) -> None:
    _Gunicorn({
        "forwarded_allow_ips": trusted_proxies(),
        "bind": f"{host}:{port}",
        "workers": workers,
        # Threads, not the sync worker: one sync worker serves one connection at a time, so a
        # slow reader over Tor holds it. Seen: once public pages became cacheable, Chromium in
        # the browser tests left a one-worker sync server waiting 30 s; with threads it did not.
        "worker_class": "gthread",
        "threads": 4,
        "accesslog": "-",
        "timeout": 60,
        # Load the app once before forking, so a broken configuration fails at start.
        "preload_app": True,
    }).run()
