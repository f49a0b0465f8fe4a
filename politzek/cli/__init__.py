"""The `politzek` command line: one module per command group, assembled in app.py; what they
share is in common.py."""

from politzek.cli.app import app, main

__all__ = ["app", "main"]
