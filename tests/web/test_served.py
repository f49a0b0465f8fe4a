"""`politzek serve` as a user runs it: gunicorn on a demo registry, read by a real browser
(Debian's Chromium through Playwright) with JavaScript disabled, as readers over Tor do."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import new_database, run_politzek

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    with new_database(tmp_path_factory.mktemp("served")) as db:
        assert run_politzek("init", db=db).returncode == 0
        assert run_politzek("demo", "--people", "60", db=db).returncode == 0
        port = _free_port()
        env = {**os.environ, "POLITZEK_DATABASE_URL": db}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "politzek", "serve", "--port", str(port), "--workers", "1"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/", timeout=1)
                    break
                except OSError:
                    if server.poll() is not None:
                        pytest.fail(f"politzek serve exited: {server.stdout.read()}")
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_serve_uses_gunicorn_and_answers(served):
    with urllib.request.urlopen(served + "/") as response:
        assert response.status == 200
        assert "gunicorn" in response.headers.get("Server", "")
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    with urllib.request.urlopen(served + "/admin/login/") as response:
        assert response.status == 200


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("POLITZEK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM}; `make test` installs it where it can")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.mark.browser
def test_index_in_a_browser_without_javascript(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served + "/")
    assert page.locator("#synthetic-notice").is_visible()
    assert "not real people" in page.locator("#synthetic-notice").inner_text()
    rows = page.locator("tbody tr")
    assert rows.count() > 10
    assert "synthetic" in rows.first.inner_text()
    # Nothing is fetched from anywhere but this server.
    assert requests and all(url.startswith(served) for url in requests)
    context.close()


@pytest.mark.browser
def test_admin_login_page_loads_its_styles(served, browser):
    context = browser.new_context()
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    responses = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    page.goto(served + "/admin/login/")
    assert page.locator("input[name=username]").is_visible()
    css = [(url, status) for url, status in responses if url.endswith(".css")]
    assert css and all(status == 200 for _url, status in css)
    assert failed == []
    context.close()
