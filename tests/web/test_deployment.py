"""The documented nginx configuration (deploy/nginx/politzek.conf, docs/deployment.md) works
in front of a politzek server: deploy/check_nginx.py runs it and checks the cache's rules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands import run_politzek
from tests.databases import new_database

ROOT = Path(__file__).resolve().parents[2]


def _nginx() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def test_the_documented_nginx_configuration_caches_only_what_it_may(tmp_path, database_vendor):
    if database_vendor != "sqlite":
        # nginx sees HTTP headers only: the SQLite pass checks them.
        pytest.skip("the proxy's rules do not depend on the database; checked on the SQLite pass")
    if _nginx() is None:
        if os.environ.get("POLITZEK_REQUIRE_BROWSER"):  # CI installs nginx with the browser
            pytest.fail("nginx is not installed (scripts/install-system-deps installs it)")
        pytest.skip("nginx is not installed: apt-get install nginx-light")
    with new_database(tmp_path, migrated=True) as url:
        assert run_politzek("demo", "--people", "30", db=url).returncode == 0
        done = subprocess.run([sys.executable, str(ROOT / "deploy" / "check_nginx.py"), "--db", url],
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok      ") == 9 and "FAILED" not in done.stdout
