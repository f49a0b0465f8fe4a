"""Benchmark: the public site and API under load (issues 5 and 23), side by side with Datasette.

On a registry that already holds the demo data (bench/run_web.sh makes it), this starts
`politzek serve` as a user would, then Datasette on politzek's own SQLite export, one at a
time so they never share the two cores, and drives each with wrk on loopback on six request
kinds, at each number of connections (4 and 32 by default):

- list:       politzek `/` (first page by name, with its seven facets)
              Datasette `/registry/people?_sort=name&FACETS` (FACETS: country, status, region)
- search:     politzek `/?q=WORD` (with facets); Datasette `/registry/people?_search=WORD&_sort=name&FACETS`
              (WORD: a random surname from the registry, 200 of them)
- person:     politzek `/people/ID/`; Datasette `/registry/people/ID` (ID: 2,000 random public ids);
              cold: first visits (the kept person summaries are emptied before each run)
- person_seen: the same pages, each visited once before the run: cold, politzek then reads
              the kept summary (flows/person_summaries.py) and renders the page
- api:        politzek `/api/people`; Datasette `/registry/people.json?_sort=name&_nosuggest=1`
- statistics: politzek `/statistics/` (the default country's flows, table and charts' alt texts);
              Datasette `/registry/detentions_by_month` (the export's view of detentions per
              month, computed by SQLite on each request)
- deal:       politzek `/deals/ID/` (price, releases, impact windows; every deal);
              Datasette `/registry/cases/ID` (the export holds no deals: a case's row page,
              the nearest one-record page; ID: 2,000 random cases)

politzek runs twice: **cold**, its whole-page cache off (POLITZEK_PAGE_CACHE_SECONDS=0: every
request renders; results derived per state of the data may still come from the cache, as in
normal service), and **warm**, the page cache on and shared by the workers (POLITZEK_CACHE=
file:…, what docs/deployment.md recommends for one server), after one request to every path.
Datasette is given its strongest equivalent: indexes on the sorted and faceted columns (the
export makes them) and `_nosuggest=1`, which turns off its facet suggestions (0.7 s a page
here, and nothing politzek does). Both serve 50 rows a page. After each server's runs, the
resident memory (VmRSS) of each of its processes is read from /proc.

Usage: python bench/web_load.py --db URL --export registry.db --datasette PATH [--out result.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENDPOINTS = ("list", "search", "person", "person_seen", "api", "statistics", "deal")


def _paths(export: Path, deal_ids: list[int], seed: int = 5) -> dict[str, dict[str, list[str]]]:
    """The request paths of each endpoint, for politzek and for Datasette, from the export."""
    rng = random.Random(seed)
    with sqlite3.connect(export) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM people")]
        names = [row[0] for row in db.execute("SELECT name FROM people WHERE name != ''")]
        cases = [row[0] for row in db.execute("SELECT id FROM cases")]
    people = rng.sample(ids, min(2000, len(ids)))
    words = sorted({name.split()[-1] for name in rng.sample(names, min(5000, len(names)))})
    words = rng.sample(words, min(200, len(words)))
    table = f"/{export.stem}/people"
    facets = "_facet=country&_facet=status&_facet=region&_nosuggest=1"
    q = urllib.parse.quote
    return {
        "list": {"politzek": ["/"], "datasette": [f"{table}?_sort=name&{facets}"]},
        "search": {"politzek": [f"/?q={q(w)}" for w in words],
                   "datasette": [f"{table}?_search={q(w)}&_sort=name&{facets}" for w in words]},
        "person": {"politzek": [f"/people/{i}/" for i in people],
                   "datasette": [f"{table}/{i}" for i in people]},
        "person_seen": {"politzek": [f"/people/{i}/" for i in people],
                        "datasette": [f"{table}/{i}" for i in people]},
        "api": {"politzek": ["/api/people"], "datasette": [f"{table}.json?_sort=name&_nosuggest=1"]},
        "statistics": {"politzek": ["/statistics/"], "datasette": [f"/{export.stem}/detentions_by_month"]},
        "deal": {"politzek": [f"/deals/{i}/" for i in deal_ids],
                 "datasette": [f"/{export.stem}/cases/{i}" for i in rng.sample(cases, min(2000, len(cases)))]},
    }


def _deal_ids(db_url: str) -> list[int]:
    """Every deal's id, read through politzek (the export holds no deals)."""
    code = ("import django; django.setup(); from politzek.registry.models import Deal; "
            "print(' '.join(str(i) for i in Deal.objects.values_list('id', flat=True)))")
    env = {**os.environ, "POLITZEK_DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "politzek.settings"}
    output = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return [int(i) for i in output.stdout.split()]


def _forget_person_summaries(db_url: str) -> None:
    """Empty the kept person summaries, so that the cold person runs measure first visits."""
    code = ("import django; django.setup(); from politzek.flows.models import PersonSummary; "
            "PersonSummary.objects.all().delete()")
    env = {**os.environ, "POLITZEK_DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "politzek.settings"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"web_load: the server stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    sys.exit(f"web_load: {url} did not answer within {timeout:.0f} s")


def _wrk(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
    try:
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                   "-s", str(HERE / "web_load.lua"), base, "--", handle.name]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(handle.name)
    result = json.loads(output.strip().splitlines()[-1])
    result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
    return result


def _fetch_each(base: str, paths: list[str]) -> None:
    """One request to every path, four at a time: the warm run's pages are in the cache."""
    def fetch(path: str) -> None:
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
        except urllib.error.HTTPError:
            pass

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, paths))


def _resident_mb(pid: int) -> dict[str, float]:
    """VmRSS of the server process and of each of its children (gunicorn's workers), in MB."""
    def rss(p: int) -> float:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return 0.0

    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return {"main": rss(pid), **{f"worker {i}": rss(c) for i, c in enumerate(sorted(children), start=1)}}


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by a server process and its children (gunicorn's workers)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        pids += [int(c) for c in (task / "children").read_text().split()]
    total = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _settle(pid: int, most: float = 120.0) -> None:
    """Wait until the server has finished what the last run left queued (requests wrk gave up
    on are still computed): else their work lands in the next run's figures."""
    deadline = time.monotonic() + most
    before = _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now - before < 0.05:
            return
        before = now


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A server in its own process group, so that stopping it stops its workers too."""
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _stop(process: subprocess.Popen | None) -> None:
    """Stop a server and every process it started (a gunicorn worker still computing a request
    wrk gave up on outlived its master and ran into the next server's figures)."""
    if process is None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _measure(name: str, command: list[str], port: int, paths: dict, args: argparse.Namespace,
             env: dict[str, str], warm: bool = False) -> dict:
    base = f"http://127.0.0.1:{port}"
    server = _start(command, env)
    try:
        _wait_until_up(base + "/", server)
        results: dict = {}
        for endpoint in args.endpoints:
            if warm or endpoint == "person_seen":
                _fetch_each(base, paths[endpoint][name])
            for connections in args.connections:
                _settle(server.pid)
                if endpoint == "person" and name == "politzek" and not warm:
                    _forget_person_summaries(args.db)
                _wrk(base, paths[endpoint][name], args.warmup, connections)
                result = _wrk(base, paths[endpoint][name], args.seconds, connections)
                results.setdefault(endpoint, {})[str(connections)] = result
                print(f"{name:9} {'warm' if warm else 'cold':4} {endpoint:10} c={connections:<3} {json.dumps(result)}",
                      flush=True)
        results["memory_mb"] = _resident_mb(server.pid)
        print(f"{name:9} memory {json.dumps(results['memory_mb'])}", flush=True)
        return results
    finally:
        _stop(server)


def _nginx_in_front(folder: Path, app_port: int, nginx_port: int) -> list[str]:
    """The command that runs nginx with the documented site file (deploy/nginx/politzek.conf,
    as deploy/check_nginx.py runs it) in front of politzek at `app_port`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_nginx", HERE.parent / "deploy" / "check_nginx.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)  # type: ignore[union-attr]
    (folder / "cache").mkdir(exist_ok=True)
    (folder / "site.conf").write_text(check._site(folder, app_port, nginx_port))
    # The check's wrapper, with as many nginx workers as cores and no per-request log.
    (folder / "nginx.conf").write_text(check._main_conf(folder).replace("worker_processes 1;",
                                                                       "worker_processes auto;"))
    nginx = check.shutil.which("nginx") or "/usr/sbin/nginx"
    return [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]


def _measure_proxy(paths: dict, args: argparse.Namespace, env: dict[str, str], cache_folder: str) -> dict:
    """politzek (page cache on) behind nginx with the documented configuration, every path
    requested once through nginx first: what a spike meets in the documented deployment."""
    app_port, nginx_port = 8761, 8763
    base = f"http://127.0.0.1:{nginx_port}"
    serve = [sys.executable, "-m", "politzek", "serve", "--port", str(app_port), "--workers", str(args.workers)]
    app = _start(serve, {**env, "POLITZEK_PAGE_CACHE_SECONDS": "600", "POLITZEK_CACHE": f"file:{cache_folder}"})
    with tempfile.TemporaryDirectory() as name:
        proxy = None
        try:
            _wait_until_up(f"http://127.0.0.1:{app_port}/", app)
            proxy = _start(_nginx_in_front(Path(name), app_port, nginx_port), env)
            _wait_until_up(base + "/", proxy)
            results: dict = {}
            for endpoint in ENDPOINTS:
                _fetch_each(base, paths[endpoint]["politzek"])
                for connections in args.connections:
                    _settle(app.pid)
                    _wrk(base, paths[endpoint]["politzek"], args.warmup, connections)
                    result = _wrk(base, paths[endpoint]["politzek"], args.seconds, connections)
                    results.setdefault(endpoint, {})[str(connections)] = result
                    print(f"politzek  proxy {endpoint:10} c={connections:<3} {json.dumps(result)}", flush=True)
            results["memory_mb"] = _resident_mb(app.pid)
            return results
        finally:
            _stop(proxy)
            _stop(app)


def _table(summary: dict) -> str:
    heads = "".join(f" {mode} req/s | ÷ Datasette | {mode} p50 / p95 / p99 ms |" for mode in summary["modes"])
    lines = [f"| {summary['db']} | conns |{heads} Datasette req/s | Datasette p95 ms |",
             "|---|---|" + "---|---|---|" * len(summary["modes"]) + "---|---|"]
    for endpoint in summary["endpoints"]:
        for connections in summary["connections"]:
            key = str(connections)
            theirs = summary["datasette"][endpoint][key]
            cells = [endpoint, key]
            for mode in summary["modes"]:
                ours = summary[mode][endpoint][key]
                cells += [f"{ours['requests_per_second']:,.0f}",
                          f"{ours['requests_per_second'] / theirs['requests_per_second']:.2f}",
                          f"{ours['p50_ms']:.0f} / {ours['p95_ms']:.0f} / {ours['p99_ms']:.0f}"]
            cells += [f"{theirs['requests_per_second']:,.0f}", f"{theirs['p95_ms']:.0f}"]
            lines.append("| " + " | ".join(cells) + " |")
    for mode in (*summary["modes"], "datasette"):
        lines.append(f"\nresident memory, {mode}: {json.dumps(summary[mode]['memory_mb'])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--export", required=True, type=Path)
    parser.add_argument("--datasette", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=lambda text: [int(n) for n in text.split(",")], default=[4, 32])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", type=lambda text: text.split(","), default=["cold", "warm"],
                        help="cold, warm and proxy (nginx in front, deploy/nginx/politzek.conf)")
    parser.add_argument("--endpoints", type=lambda text: text.split(","), default=list(ENDPOINTS),
                        help=f"a subset of {','.join(ENDPOINTS)} (all by default)")
    parser.add_argument("--no-datasette", action="store_true", help="measure politzek alone (a quick check)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    paths = _paths(args.export, _deal_ids(args.db))
    serve = [sys.executable, "-m", "politzek", "serve", "--port", "8761", "--workers", str(args.workers)]
    env = {**os.environ, "POLITZEK_DATABASE_URL": args.db}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    summary: dict = {"db": args.db.split(":", 1)[0], "connections": args.connections, "seconds": args.seconds,
                     "workers": args.workers, "modes": args.modes, "endpoints": args.endpoints}
    with tempfile.TemporaryDirectory() as cache_folder:
        if "cold" in args.modes:
            summary["cold"] = _measure("politzek", serve, 8761, paths, args,
                                       {**env, "POLITZEK_PAGE_CACHE_SECONDS": "0"})
        if "warm" in args.modes:
            summary["warm"] = _measure("politzek", serve, 8761, paths, args, {
                **env, "POLITZEK_PAGE_CACHE_SECONDS": "600", "POLITZEK_CACHE": f"file:{cache_folder}"}, warm=True)
    if "proxy" in args.modes:
        with tempfile.TemporaryDirectory() as cache_folder:
            summary["proxy"] = _measure_proxy(paths, args, env, cache_folder)
    if args.no_datasette:
        print(json.dumps(summary, indent=2))
        return
    summary["datasette"] = _measure("datasette", [args.datasette, "serve", "-i", str(args.export), "--port", "8762",
                                                  "--setting", "default_page_size", "50"], 8762, paths, args, env)
    print("\n" + _table(summary))
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
