"""Check deploy/nginx/politzek.conf as deployed: nginx in front of a running politzek server.

Starts `politzek serve` on the registry at --db, then nginx with the very site file of
docs/deployment.md (only its addresses changed: the upstream's port, the cache folder and the
port nginx listens on, all under a temporary folder; nginx runs as the current user), and
checks what a deployment must do:

1. `nginx -t` accepts the configuration;
2. a public page is fetched from politzek once, then served by nginx (HIT in the cache log,
   which nginx writes instead of a header a visitor could read);
3. each language's page is kept apart (/ru/ is never the English page);
4. a staff page (private, no-store) is never kept: never HIT, and nothing a signed-in reader
   sees is served to anyone else;
5. a request with a session cookie or an API token bypasses the cache;
6. politzek's ETag reaches the browser, and a matching If-None-Match gets 304 Not Modified.

Exit code 0 when all hold; 1 with the failed checks listed; 2 when nginx is missing.
Usage: python deploy/check_nginx.py --db URL
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx" / "politzek.conf"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _site(folder: Path, app_port: int, nginx_port: int) -> str:
    """The documented site file with this run's addresses: nothing else is changed."""
    text = SITE.read_text(encoding="utf-8")
    replaced = {
        "/var/cache/nginx/politzek": str(folder / "cache"),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 8080;": f"listen 127.0.0.1:{nginx_port};",
        "/var/log/nginx/politzek-cache.log": str(folder / "cache.log"),
    }
    for old, new in replaced.items():
        if old not in text:
            sys.exit(f"check_nginx: {SITE} no longer contains {old!r}; update this check with it")
        text = text.replace(old, new)
    return text


def _main_conf(folder: Path) -> str:
    # A root nginx hands requests to workers running as another user, who could not write
    # into this temporary folder: as root, the workers stay root (this check only).
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi",
                                                                              "uwsgi", "scgi"))
    return (f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
            f"events {{ worker_connections 256; }}\n"
            f"http {{\n    access_log off;\n{temp}\n    include {folder / 'site.conf'};\n}}\n")


def _fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _wait(url: str, process: subprocess.Popen, what: str, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            sys.exit(f"check_nginx: {what} stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"check_nginx: {what} did not answer at {url}")


def _log_lines(path: Path) -> list[str]:
    return path.read_text(errors="replace").splitlines() if path.exists() else []


def _checks(base: str, cache_log: Path) -> list[str]:
    failed = []

    told: list[str] = []  # headers that told a visitor what the cache did

    def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """The answer, with what nginx's cache did (its log's last line) as x-cache-status."""
        logged = _log_lines(cache_log)
        status, answer_headers, body = _fetch(url, headers)
        told.extend(name for name in answer_headers if "cache-status" in name or name == "x-cache")
        # nginx writes the line once the answer has gone: wait for this request's line.
        for _ in range(200):
            lines = _log_lines(cache_log)
            if len(lines) > len(logged):
                break
            time.sleep(0.05)
        done = lines[-1].rsplit(" ", 1)[-1] if len(lines) > len(logged) else "(not logged)"
        return status, {**answer_headers, "x-cache-status": "" if done == "-" else done}, body

    def check(condition: bool, what: str) -> None:
        print(("ok      " if condition else "FAILED  ") + what, flush=True)
        if not condition:
            failed.append(what)

    # 2. A public page: once from politzek, then from nginx.
    first = _get(base + "/statistics/")
    second = _get(base + "/statistics/")
    check(first[0] == 200 and "public" in first[1].get("cache-control", ""),
          "a public page says Cache-Control: public")
    check(second[1].get("x-cache-status") == "HIT" and second[2] == first[2],
          f"the second request for a public page is served by nginx (cache log: {second[1].get('x-cache-status')})")
    # 3. Languages apart.
    english, russian = _get(base + "/this-week/"), _get(base + "/ru/this-week/")
    russian_again = _get(base + "/ru/this-week/")
    check(russian_again[1].get("x-cache-status") == "HIT" and russian_again[2] == russian[2]
          and russian[2] != english[2] and 'lang="ru"' in russian[2].decode(errors="replace"),
          "each language's page is kept apart")
    # 4. Staff pages never kept.
    statuses = {_get(base + "/staff/login/")[1].get("x-cache-status") for _ in range(3)}
    login = _get(base + "/staff/login/")
    check("HIT" not in statuses and "no-store" in login[1].get("cache-control", ""),
          f"a staff page is never kept (cache log: {sorted(s or '-' for s in statuses)})")
    # 5. Signed-in readers and API tokens bypass the cache.
    cookie = _get(base + "/statistics/", {"Cookie": "sessionid=not-a-session"})
    token = _get(base + "/statistics/", {"Authorization": "Bearer pz_not_a_token"})
    check(cookie[1].get("x-cache-status") == "BYPASS", "a session cookie bypasses the cache")
    check(token[1].get("x-cache-status") == "BYPASS", "an API token bypasses the cache")
    check(not told, f"no header tells a visitor what the cache did ({sorted(set(told))})")
    # 6. ETag and 304 through nginx.
    etag = second[1].get("etag", "")
    revalidated = _get(base + "/statistics/", {"If-None-Match": etag}) if etag else (0, {}, b"")
    check(bool(etag) and revalidated[0] == 304,
          f"ETag reaches the browser and If-None-Match gets 304 ({revalidated[0]})")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database URL of a registry (politzek init done)")
    args = parser.parse_args()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        print("check_nginx: nginx is not installed (apt-get install nginx-light)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="politzek-nginx-") as name:
        folder = Path(name)
        (folder / "cache").mkdir()
        app_port, nginx_port = _free_port(), _free_port()
        (folder / "site.conf").write_text(_site(folder, app_port, nginx_port))
        (folder / "nginx.conf").write_text(_main_conf(folder))
        tested = subprocess.run([nginx, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")],
                                capture_output=True, text=True)
        print(("ok      " if tested.returncode == 0 else "FAILED  ") + "nginx -t accepts the configuration",
              flush=True)
        if tested.returncode != 0:
            print(tested.stderr, file=sys.stderr)
            return 1
        env = {**os.environ, "POLITZEK_DATABASE_URL": args.db, "POLITZEK_CACHE": "memory"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        app_log, nginx_log = folder / "politzek.log", folder / "error.log"
        with app_log.open("w") as log:
            app = subprocess.Popen([sys.executable, "-m", "politzek", "serve", "--port", str(app_port),
                                    "--workers", "1"], env=env, stdout=log, stderr=subprocess.STDOUT)
        proxy = None
        try:
            _wait(f"http://127.0.0.1:{app_port}/", app, "politzek serve", app_log)
            proxy = subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            nginx_log.touch()
            _wait(f"http://127.0.0.1:{nginx_port}/", proxy, "nginx", nginx_log)
            failed = _checks(f"http://127.0.0.1:{nginx_port}", folder / "cache.log")
        finally:
            for process in (proxy, app):
                if process is not None:
                    process.terminate()
                    try:
                        process.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        process.kill()
        if failed:
            print(f"check_nginx: {len(failed)} check(s) failed", file=sys.stderr)
            errors = re.findall(r".*\[(?:emerg|alert|crit|error)\].*", nginx_log.read_text(errors="replace"))
            print("\n".join(errors[-10:]), file=sys.stderr)
            return 1
        print("check_nginx: the documented nginx configuration works in front of politzek")
        return 0


if __name__ == "__main__":
    sys.exit(main())
