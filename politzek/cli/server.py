"""`politzek serve` (the production web server) and `politzek manage` (Django's own commands)."""

from __future__ import annotations

from typing import Annotated

import typer

from politzek.cli.common import console, refresh_derived, require_schema


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 2,
) -> None:
    """Run the web server (gunicorn): the public index at /, the staff admin at /admin/.

    Example: politzek serve --host 127.0.0.1 --port 8000
    """
    from politzek.server import run_server

    require_schema()
    from django.core.management import call_command
    from django.db import connections

    # With POLITZEK_CACHE=database, the cache's table (made by `politzek init`) made here too
    # when the registry was initialised without it: every page would otherwise answer 500.
    call_command("createcachetable", verbosity=0)
    # Bring the derived tables up to date once here, not in the first visitor's request.
    refresh_derived()
    # Worker processes must open their own connections, not inherit this one across fork.
    connections.close_all()
    console.print(f"politzek: serving on http://{host}:{port}/ (staff admin at http://{host}:{port}/admin/)")
    run_server(host=host, port=port, workers=workers)


def manage(ctx: typer.Context) -> None:
    """Run a Django management command on the same database (e.g. to create a staff user).

    Example: politzek manage createsuperuser
    """
    from django.core.management import execute_from_command_line

    execute_from_command_line(["politzek manage", *ctx.args])
