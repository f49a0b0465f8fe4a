"""`politzek serve` as a user runs it: gunicorn on a demo registry, read by a real browser
(Debian's Chromium through Playwright) with JavaScript disabled, as readers over Tor do."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.commands import run_politzek
from tests.databases import new_database

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
STAFF_PASSWORD = "correct horse battery staple"


_DATABASES: dict[str, str] = {}  # served URL -> its database, for tests that add records


def _served_database(url: str) -> str:
    return _DATABASES[url]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory, database_vendor) -> Iterator[str]:
    with new_database(tmp_path_factory.mktemp("served"), migrated=True) as db:
        assert run_politzek("demo", "--people", "60", db=db).returncode == 0
        for user, role in (("editor", "editor"), ("rhea", "reviewer")):
            assert run_politzek("user", "add", user, "--role", role, "--password-stdin", db=db,
                                input=STAFF_PASSWORD + "\n").returncode == 0
        port = _free_port()
        # The shared database cache, on a registry initialised without it (`politzek init` made
        # no table for it): `serve` makes the table (issue 33: every page answered 500).
        env = {**os.environ, "POLITZEK_DATABASE_URL": db, "POLITZEK_CACHE": "database"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        # The server's log goes to a file: a pipe nobody reads fills up after enough requests
        # (each 404 is logged) and the server then blocks writing to it.
        log_path = tmp_path_factory.mktemp("served-log") / "server.log"
        log = log_path.open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "politzek", "serve", "--port", str(port), "--workers", "1"],
            env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
        )
        url = f"http://127.0.0.1:{port}"
        _DATABASES[url] = db
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/", timeout=1)
                    break
                except OSError:
                    if server.poll() is not None:
                        pytest.fail(f"politzek serve exited: {log_path.read_text()}")
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker still busy (a simulator run) on a loaded machine
                server.kill()
                server.wait(timeout=30)
            log.close()


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
        pytest.skip(f"Chromium not found at {CHROMIUM}; `./scripts/test` installs it where it can")
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


@pytest.mark.browser
def test_search_in_cyrillic_then_person_page(served, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "/")
    first_link = page.locator("tbody tr td a").first
    name = first_link.inner_text()
    page.goto(served + "/ru/")
    page.fill("#q", name.split()[-1])
    page.click("form.search button")
    page.wait_for_load_state("load")
    assert "q=" in page.url
    # On /ru/ the name in Cyrillic comes first; the Latin one is beside it.
    page.locator("tbody tr", has_text=name).first.locator("td a").first.click()
    page.wait_for_load_state("load")
    assert name in page.content()
    assert not page.locator("h1").inner_text().startswith(name)
    assert page.locator("html").get_attribute("lang") == "ru"
    page.screenshot(path=str(tmp_path / "person.png"), full_page=True)
    assert (tmp_path / "person.png").stat().st_size > 1000
    context.close()


@pytest.mark.browser
def test_sign_in_add_a_person_and_find_them(served, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + "/staff/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/staff/"), page.content()[-1500:]
    page.goto(served + "/staff/people/new/")
    page.fill("#id_name", "Тэставы Чалавек")
    page.fill("#id_country", "BY")
    page.select_option("#id_visibility", "public")
    page.fill("#id_event_date", "2026-11-20")
    page.fill("#id_reason", "browser test")
    page.click("#save")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith("Тэставы Чалавек")
    anonymous = browser.new_context(java_script_enabled=False).new_page()
    anonymous.goto(served + "/?q=Tesstavy")
    assert anonymous.locator("tbody", has_text="Тэставы Чалавек").count() == 1
    context.close()


@pytest.mark.browser
def test_every_public_page_works_without_javascript(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served + "/?status=serving_sentence")
    page.locator("aside a").first.click()  # a facet link
    page.wait_for_load_state("load")
    page.locator("tbody tr td a").first.click()
    page.wait_for_load_state("load")
    assert page.locator("#status").is_visible()
    for path in ("/statistics/", "/uk/statistics/", "/be/"):
        response = page.goto(served + path)
        assert response.status == 200
    assert page.locator("img.chart").count() == 0 or all(
        page.evaluate("(img) => img.naturalWidth", img) >= 0 for img in page.locator("img.chart").element_handles())
    assert all(url.startswith(served) for url in requests)
    context.close()


@pytest.mark.browser
def test_a_reviewer_decides_a_duplicate_without_javascript(served, browser, tmp_path):
    people = tmp_path / "two-spellings.csv"
    people.write_text(
        "source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
        "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources\n"
        "r1,Сцяпан Тэставы,,BY,,m,1970-02-03,,,,restricted,2021-01-02,,,,,,\n"
        "r2,Stepan Testovyy,,BY,,m,1970-02-03,,,,restricted,,,,,,,\n", encoding="utf-8")
    server_db = _served_database(served)
    imported = run_politzek("import", "politzek-csv", str(people), "--json", db=server_db)
    assert imported.returncode == 0, imported.stderr
    assert run_politzek("user", "add", "rita", "--role", "reviewer", "--password-stdin", db=server_db,
                        input=STAFF_PASSWORD + "\n").returncode == 0
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(served + "/staff/login/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    page.goto(served + "/staff/duplicates/")
    pair = page.locator("section.duplicate", has_text="Stepan Testovyy")
    assert pair.count() == 1 and "Сцяпан Тэставы" in pair.inner_text()
    pair.locator("input[name=reason]").fill("two men, checked")
    pair.locator("button[value=different]").click()
    page.wait_for_load_state("load")
    assert "Recorded: different." in page.content()
    assert page.locator("section.duplicate", has_text="Stepan Testovyy").count() == 0


@pytest.mark.browser
def test_deal_pages_and_their_charts_without_javascript(served, browser):
    page = browser.new_context(java_script_enabled=False).new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    images = {}
    page.on("response", lambda response: images.update({response.url: response.status})
            if response.url.endswith(".svg") else None)
    assert page.goto(served + "/deals/").status == 200
    assert "Synthetic" in page.locator("table").inner_text()
    page.locator("table a", has_text="December 2025").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith("Synthetic release for concessions")
    assert "What followed" in page.content()
    page.wait_for_load_state("load")
    assert images and all(status == 200 for status in images.values()), images
    assert any(url.endswith("/impact.svg") for url in images) and any(url.endswith("/price.svg") for url in images)
    assert all(url.startswith(served) for url in requests)


@pytest.mark.browser
def test_staff_vet_an_uploaded_list_without_javascript(served, browser, tmp_path):
    proposed = tmp_path / "proposed.csv"
    proposed.write_text("name,birth_date,citizenship,notes,side\nSomeone Unknown,,BY,,EU\n"
                        "Andriy Testenko,,UA,військовополонений,RU\n", encoding="utf-8")
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(served + "/staff/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    page.goto(served + "/staff/vet/")
    page.set_input_files("#list", str(proposed))
    page.fill("#country", "BY")
    page.locator("button", has_text="Vet").first.click()
    page.wait_for_load_state("load")
    assert page.locator("#verdict-not_documented").inner_text() == "2"
    assert page.locator("#flag-combatant").inner_text() == "1"
    assert "Most urgent political prisoners held by BY" in page.content()


@pytest.mark.browser
def test_the_automatic_cost_without_javascript(served, browser):
    page = browser.new_context(java_script_enabled=False).new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # A proposal's status is a reviewer's decision (docs/accountability.md).
    assert run_politzek("user", "add", "rene", "--role", "reviewer", "--password-stdin", db=_served_database(served),
                        input=STAFF_PASSWORD + "\n").returncode == 0
    page.goto(served + "/staff/login/")
    page.fill("#id_username", "rene")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    page.goto(served + "/staff/proposals/")
    page.locator("button", has_text="Apply the policy now").click()
    page.wait_for_load_state("load")
    assert "Policy applied:" in page.content()
    first = page.locator("#proposals tbody tr").first
    number = first.locator("td").first.inner_text()
    first.locator("select[name=status]").select_option("submitted")
    first.locator("input[name=note]").fill("sent by post")
    first.locator("button", has_text="Save").click()
    page.wait_for_load_state("load")
    assert f"Proposal {number} is now submitted" in page.content()

    public = browser.new_context(java_script_enabled=False).new_page()
    images = {}
    public.on("response", lambda response: images.update({response.url: response.status})
              if response.url.endswith(".svg") or ".svg?" in response.url else None)
    assert public.goto(served + "/accountability/").status == 200
    public.wait_for_load_state("load")
    assert "(submitted to the authority)" in public.locator("#proposals").inner_text()
    assert "synthetic" in public.locator("#proposals").inner_text()
    assert public.locator("#synthetic-notice").count() == 1
    assert images and all(status == 200 for status in images.values()), images
    assert all(url.startswith(served) for url in requests)


@pytest.mark.browser
def test_the_simulator_reruns_without_javascript(served, browser):
    page = browser.new_context(java_script_enabled=False).new_page()
    images = {}
    page.on("response", lambda response: images.update({response.url: response.status})
            if ".svg" in response.url else None)
    assert page.goto(served + "/simulator/").status == 200
    page.fill("#response_to_deals", "0.7")
    page.locator("#parameters button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "arrests 70% higher after each deal" in page.locator("#results").inner_text()
    assert page.locator("#response_to_deals").input_value() == "0.7"
    assert images and all(status == 200 for status in images.values()), images


def _public_pages(page, served: str) -> list[str]:
    """The public pages a reader reaches, with a person, a case, a facility and a deal of the demo."""
    page.goto(served + "/")
    person = page.locator("tbody tr td a").first.get_attribute("href")
    page.goto(served + person)
    linked = [page.locator(f"a[href*='/{kind}/']").first.get_attribute("href")
              for kind in ("cases", "facilities") if page.locator(f"a[href*='/{kind}/']").count()]
    page.goto(served + "/deals/")
    deal = page.locator("main a[href*='/deals/']").first.get_attribute("href")
    return ["/", "/ru/", "/be/?q=Kavalenka", "/?q=zzzzqq", "/statistics/", "/uk/statistics/", "/deals/", deal,
            "/accountability/", "/simulator/", "/this-week/", "/ru/this-week/", person, f"/ru{person}", *linked,
            f"{person}letter/", f"/be{person}letter/"]


STAFF_PAGES = ["/staff/", "/staff/audit/", "/staff/duplicates/", "/staff/merges/", "/staff/vet/", "/staff/deals/new/",
               "/staff/lists/", "/staff/proposals/", "/staff/officials/matches/", "/staff/people/new/"]


def _signed_in(context, served: str):
    """A reviewer's page: every staff page opens to the role."""
    page = context.new_page()
    page.goto(served + "/staff/login/")
    page.fill("#id_username", "rhea")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    return page


def _an_event_correction_page(served: str, person_path: str) -> str:
    """The correction page of the person's first event (its id read with `politzek show`)."""
    import json

    shown = run_politzek("show", person_path.split("/")[2], "--json", db=_served_database(served))
    return f"/ru/staff/events/{json.loads(shown.stdout)['events'][0]['id']}/edit/"


@pytest.mark.browser
def test_no_page_is_wider_than_a_phone(served, browser, database_vendor):
    """On a 390-px phone (and on 320 px) every public and staff page fits the screen: nothing
    scrolls sideways but a wide table inside its own box; the search results come before the filters."""
    if database_vendor != "sqlite":
        pytest.skip("page widths come from markup and styles, not the database; checked on the SQLite pass")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    paths = _public_pages(page, served)
    staff = _signed_in(browser.new_context(java_script_enabled=False), served)
    person = next(path for path in paths if path.startswith("/people/"))
    staff_paths = [*STAFF_PAGES, person, f"/staff/people/{person.split('/')[2]}/history/",
                   f"/ru/staff/people/{person.split('/')[2]}/edit/", _an_event_correction_page(served, person)]
    too_wide = {}
    for width in (390, 320):
        for reader, pages in ((page, paths), (staff, staff_paths)):
            reader.set_viewport_size({"width": width, "height": 844})
            for path in pages:
                assert reader.goto(served + path).status == 200, path
                scroll = reader.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide[(width, path)] = scroll
    # A desktop screen too: the statistics table's Russian, Belarusian and Ukrainian headings
    # made the page 1,504–1,637 px wide at 1,366; the table scrolls within the page instead.
    page.set_viewport_size({"width": 1366, "height": 900})
    for language in ("", "/ru", "/be", "/uk"):
        for path in ("/statistics/", "/deals/"):
            assert page.goto(served + language + path).status == 200, path
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > 1366:
                too_wide[(1366, language + path)] = scroll
    assert too_wide == {}
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served + "/")
    results = page.locator("main section").bounding_box()
    filters = page.locator("main aside").bounding_box()
    assert results["y"] < filters["y"]  # the first person is on the first screen, not after ~100 links
    # A list of people (a facility's hundreds of names) gives each link a 24-px line by layout:
    # axe's target-size once passed or failed with the fonts a machine had.
    heights = {}
    for path in [p for p in paths if re.search(r"/(facilities|deals)/\d+/$", p)]:
        page.goto(served + path)
        heights[path] = page.eval_on_selector_all("ul.people a", "as => as.map(a => a.getBoundingClientRect().height)")
    assert any(heights.values()) and min(min(h) for h in heights.values() if h) >= 24, heights
    context.close()


# The markup and the colours are the same at every width; what a phone changes is the layout. So
# the phone pass runs the rules whose outcome depends on layout (what overflows and must take the
# keyboard focus, how large a touch target is, whether the page may be zoomed); the desktop pass
# runs every rule, and target-size too (axe leaves it out by default).
DESKTOP_AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
PHONE_AXE_OPTIONS = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": [
    "scrollable-region-focusable", "target-size", "meta-viewport"]}}


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page(served, browser, database_vendor):
    """axe-core (the engine browsers' accessibility audits use, bundled in the
    axe-playwright-python wheel) on every public page, the 404 and the staff pages, on a phone
    and a desktop screen: no violation of any impact (contrast, labels, headings, alt text…)."""
    if database_vendor != "sqlite":
        # The same templates and styles on any database: the SQLite pass checks them, and the
        # PostgreSQL pass keeps its minute for what the database changes.
        pytest.skip("markup and styles do not depend on the database; checked on the SQLite pass")
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for width, options in ((1366, DESKTOP_AXE_OPTIONS), (390, PHONE_AXE_OPTIONS)):
        # axe runs as a script the test evaluates; the pages themselves carry none.
        contexts = [browser.new_context(viewport={"width": width, "height": 900}) for _ in range(2)]
        page = contexts[0].new_page()
        paths = [*_public_pages(page, served), "/nowhere/", "/ru/nowhere/", "/staff/login/"]
        staff = _signed_in(contexts[1], served)
        for reader, pages in ((page, paths), (staff, STAFF_PAGES)):
            for path in pages:
                reader.goto(served + path)
                for violation in axe.run(reader, options=options).response["violations"]:
                    found[(width, path, violation["id"])] = (violation["impact"], violation["help"],
                                                             violation["nodes"][0]["html"][:200])
        for context in contexts:
            context.close()
    assert sorted(found.items()) == [], "\n".join(map(repr, sorted(found.items())))


def _fits_a_phone(page, width: int = 390) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width}-px phone"
    assert page.locator("html").get_attribute("lang") == "ru", page.url


@pytest.mark.browser
def test_a_documenters_day_in_russian_on_a_phone_with_the_session_ending_midway(served, browser, tmp_path,
                                                                                database_vendor):
    """Issue 33's walk: add a person, lose the session while typing, sign in again and find the
    form filled, save; add an event, attach a source, edit, vet a list, record a deal (checked
    first, then recorded without choosing the file again): in Russian, on a 390-px phone,
    without JavaScript, dates and countries as Russians write them."""
    if database_vendor != "sqlite":
        pytest.skip("the pages and forms are the same on any database; the SQLite pass walks them")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served + "/ru/staff/")
    assert "/ru/staff/login/" in page.url

    def sign_in() -> None:
        page.fill("#id_username", "editor")
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("load")

    sign_in()
    assert page.url.endswith("/ru/staff/"), page.url
    _fits_a_phone(page)

    page.goto(served + "/ru/staff/people/new/")
    page.fill("#id_name", "Дакументаваны Тэставы")
    page.fill("#id_country", "Беларусь")
    page.fill("#id_region", "Гродна")
    page.fill("#id_birth_date", "12 апреля 1991")
    page.select_option("#id_visibility", "public")
    page.fill("#id_event_date", "12.04.2026")
    page.fill("#id_description", "Задержан дома.\nДва дня без связи.")
    page.fill("#id_reason", "сообщение правозащитников")
    _fits_a_phone(page)
    context.clear_cookies(name="sessionid")  # the session ends while the documenter types
    page.click("#save")
    page.wait_for_load_state("load")
    assert "/ru/staff/login/" in page.url
    sign_in()
    assert "/ru/staff/people/new/" in page.url
    assert page.input_value("#id_name") == "Дакументаваны Тэставы"
    assert page.input_value("#id_event_date") == "12.04.2026"
    assert "Два дня без связи." in page.input_value("#id_description")
    assert "Проверьте и сохраните" in page.content()
    page.click("#save")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith("Дакументаваны Тэставы"), page.content()[-2000:]
    person_url = page.url
    person_id = person_url.rstrip("/").split("/")[-1]
    _fits_a_phone(page)

    page.click("text=Добавить событие")
    page.wait_for_load_state("load")
    page.select_option("#id_kind", "transferred")
    page.fill("#id_date", "01.05.2026")
    page.fill("#id_reason", "письмо родных")
    _fits_a_phone(page)
    page.click("#save")
    page.wait_for_load_state("load")
    assert page.url == person_url

    page.goto(served + f"/ru/staff/people/{person_id}/sources/new/")
    page.fill("#id_url", "spring96.org/ru/news/000000")
    page.fill("#id_title", "Сообщение о задержании")
    page.fill("#id_reason", "источник")
    page.click("#save")
    page.wait_for_load_state("load")
    assert page.url == person_url, page.locator("main").inner_text()[:1500]
    assert "Сообщение о задержании" in page.content()

    page.goto(served + f"/ru/staff/people/{person_id}/edit/")
    _fits_a_phone(page)
    page.fill("#id_region", "Гродзенская вобласць")
    page.fill("#id_reason", "уточнение региона")
    page.click("#save")
    page.wait_for_load_state("load")
    assert page.url == person_url and "Гродзенская вобласць" in page.content()

    listed = tmp_path / "список.csv"
    listed.write_text("name,birth_date,citizenship,notes,side\nДакументаваны Тэставы,,BY,,EU\n"
                      "Никому Неизвестный,,BY,,EU\n", encoding="utf-8")
    page.goto(served + "/ru/staff/vet/")
    page.set_input_files("#list", str(listed))
    page.fill("#country", "BY")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert "не задокументирован" in page.content()
    assert page.locator("#verdict-not_documented").count() == 1
    _fits_a_phone(page)

    deal = tmp_path / "сделка.toml"
    deal.write_text(f'''name = "Тестовое освобождение"
date = "2026-06-01"
kind = "pardon_wave"
parties = ["BY"]
[[released]]
person = {person_id}
destination = "LT"
''', encoding="utf-8")
    page.goto(served + "/ru/staff/deals/new/")
    page.set_input_files("#deal", str(deal))
    page.check("input[name=check_only]")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("#checked").count() == 1 and page.locator("#use_checked").is_checked()
    _fits_a_phone(page)
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()  # no file chosen again
    page.wait_for_load_state("load")
    assert page.locator("#recorded").count() == 1, page.content()[-2000:]
    assert "released_pardon" not in page.content()
    _fits_a_phone(page)
    context.close()
