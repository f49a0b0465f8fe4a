"""The `politzek` command as the tests run it: in a subprocess as a user does (run_politzek), or
in the test process on the test database (run_politzek_here)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


def run_politzek(*args: str, db: str | None = None, timeout: float = 300,
                 env: dict[str, str] | None = None, input: str | None = None) -> CommandResult:
    """Run the installed `politzek` command in a subprocess, as a user would."""
    command = [sys.executable, "-m", "politzek"]
    if db:
        command += ["--db", db]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run([*command, *args], capture_output=True, text=True, timeout=timeout, env=full_env,
                               input=input)
    return CommandResult(completed.returncode, completed.stdout, completed.stderr)


def run_politzek_here(*args: str, input: str | None = None) -> CommandResult:
    """The same `politzek` command run inside the test process (Click's test runner), on the
    suite's own test database (pytest-django's: the test asks for `db`), with no --db. For
    the tables of bad input, each spared a new process and Django's start (a second or more);
    run_politzek stays the way to test a command end to end as a user runs it."""
    from typer.testing import CliRunner

    from politzek.cli import app

    assert "--db" not in args, "run_politzek_here runs on the test database; use run_politzek for --db"
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    return CommandResult(result.exit_code, result.stdout, result.stderr)
