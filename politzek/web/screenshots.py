"""`./scripts/screenshots FOLDER`: PNG screenshots of the main public pages in English and
Russian, at 390 px (a phone) and 1,366 px, taken by Debian's Chromium through Playwright from
`politzek serve` on a throwaway demo registry. Playwright is a test tool: this module runs only
with the [test] extra installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PAGES = {
    "registry": "/", "search": "/?q=Kavalenka", "person": "{person}", "letter": "{person}letter/",
    "this-week": "/this-week/", "statistics": "/statistics/", "deals": "/deals/", "deal": "{deal}",
    "accountability": "/accountability/", "simulator": "/simulator/", "not-found": "/no-such-page/",
}
WIDTHS = (390, 1366)
LANGUAGES = ("en", "ru", "be", "uk")  # every language a reader may choose


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _politzek(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "politzek", *args], env=env, check=True, stdout=subprocess.DEVNULL)


def take(folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="politzek-screenshots-"))
    env = {**os.environ, "POLITZEK_DATABASE_URL": f"sqlite:///{work / 'demo.db'}", "POLITZEK_HOME": str(work),
           "POLITZEK_SIMULATOR_RUNS": os.environ.get("POLITZEK_SIMULATOR_RUNS", "60")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _politzek(env, "init")
    _politzek(env, "demo", "--people", "600")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with (work / "server.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "politzek", "serve", "--port", str(port), "--workers", "2"],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        written: list[Path] = []
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(url + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            chromium = shutil.which("chromium") or "/usr/bin/chromium"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                context = browser.new_context(java_script_enabled=False)
                page = context.new_page()
                page.goto(url + "/this-week/")  # someone held: a birthday or a term running out
                person = page.locator("main li a[href*='/people/']").first.get_attribute("href")
                page.goto(url + "/deals/")
                deal = page.locator("main a[href*='/deals/']").first.get_attribute("href")
                for language in LANGUAGES:
                    prefix = "" if language == "en" else f"/{language}"
                    for width in WIDTHS:
                        page.set_viewport_size({"width": width, "height": 900})
                        for name, path in PAGES.items():
                            page.goto(url + prefix + path.format(person=person, deal=deal))
                            out = folder / f"{name}-{language}-{width}.png"
                            page.screenshot(path=str(out), full_page=True)
                            written.append(out)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)
    return written


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    written = take(folder)
    print(f"politzek: {len(written)} screenshots in {folder}/ "
          f"({len(PAGES)} pages × {len(LANGUAGES)} languages × {len(WIDTHS)} widths)")


if __name__ == "__main__":
    main()
