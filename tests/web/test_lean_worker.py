"""A server worker that serves the registry's pages does not load numpy, scipy or matplotlib
(~100 MB between them): they load with the first chart, simulation or deal page that needs
them. Checked in a fresh process where importing them fails, on a demo registry."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.commands import run_politzek
from tests.databases import new_database

PAGES = ["/", "/?q=a", "/ru/", "/api/people", "/statistics/", "/statistics.csv", "/this-week/",
         "/this-week.ics", "/deals/", "/accountability/", "/api/statistics"]

# Django started as a server worker starts it, the heavy libraries made unimportable, then
# every page and a person's, case's and facility's page: each must answer 200.
WORKER = """
import sys
for name in ("numpy", "scipy", "matplotlib"):
    sys.modules[name] = None  # importing any of them now raises ImportError
import django
django.setup()
from django.test import Client
from politzek.registry import models as m
client = Client(HTTP_HOST="localhost", raise_request_exception=True)
person = m.Person.objects.filter(visibility="public").order_by("id").first()
case = m.Case.objects.filter(defendants=person).first() or m.Case.objects.order_by("id").first()
facility = m.Facility.objects.order_by("id").first()
paths = sys.argv[1:] + [f"/people/{person.pk}/", f"/api/people/{person.pk}", f"/cases/{case.pk}/",
                        f"/facilities/{facility.pk}/", f"/people/{person.pk}/letter/"]
for path in paths:
    status = client.get(path).status_code
    print(path, status)
"""


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory, database_vendor):
    if database_vendor != "sqlite":
        # What a worker imports does not depend on the database: the SQLite pass checks it.
        pytest.skip("imports do not depend on the database; checked on the SQLite pass")
    with new_database(tmp_path_factory.mktemp("lean"), migrated=True) as url:
        assert run_politzek("demo", "--people", "60", db=url).returncode == 0
        yield url


def test_pages_are_served_without_numpy_scipy_or_matplotlib(demo_url):
    env = {**os.environ, "POLITZEK_DATABASE_URL": demo_url, "DJANGO_SETTINGS_MODULE": "politzek.settings"}
    done = subprocess.run([sys.executable, "-c", WORKER, *PAGES], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    answers = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())
    assert len(answers) == len(PAGES) + 5
    assert set(answers.values()) == {"200"}, answers
