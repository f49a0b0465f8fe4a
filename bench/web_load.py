"""Benchmark: the public site and API under load (issue 5), side by side with Datasette.

On a registry that already holds the demo data (bench/run_web.sh makes it), this starts
`politzek serve` as a user would, then Datasette on politzek's own SQLite export, one at a
time so they never share the two cores, and drives each with wrk on loopback (32 connections,
30 s per endpoint after a short warm-up) on four equivalent requests:

- list:   politzek `/` (first page by name, with its seven facets)
          Datasette `/registry/people?_sort=name&FACETS` (FACETS: country, status, region)
- search: politzek `/?q=WORD` (with facets); Datasette `/registry/people?_search=WORD&_sort=name&FACETS`
          (WORD: a random surname from the registry, 200 of them)
- person: politzek `/people/ID/`; Datasette `/registry/people/ID` (ID: 2,000 random public ids)
- api:    politzek `/api/people`; Datasette `/registry/people.json?_sort=name&_nosuggest=1`

Datasette is given its strongest equivalent: indexes on the sorted and faceted columns (the
export makes them) and `_nosuggest=1`, which turns off its facet suggestions (0.7 s a page
here, and nothing politzek does).
Both serve 50 rows a page. Every figure is reported beside Datasette's from the same run.

Usage: python bench/web_load.py --db URL --export registry.db --datasette PATH [--out result.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENDPOINTS = ("list", "search", "person", "api")


def _paths(export: Path, seed: int = 5) -> dict[str, dict[str, list[str]]]:
    """The request paths of each endpoint, for politzek and for Datasette, from the export."""
    rng = random.Random(seed)
    with sqlite3.connect(export) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM people")]
        names = [row[0] for row in db.execute("SELECT name FROM people WHERE name != ''")]
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
        "api": {"politzek": ["/api/people"], "datasette": [f"{table}.json?_sort=name&_nosuggest=1"]},
    }


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
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                   "-s", str(HERE / "web_load.lua"), base, "--", handle.name]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(handle.name)
    result = json.loads(output.strip().splitlines()[-1])
    result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
    return result


def _measure(name: str, command: list[str], port: int, probe: str, paths: dict, args: argparse.Namespace,
             env: dict[str, str]) -> dict[str, dict]:
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_until_up(base + probe, server)
        results = {}
        for endpoint in ENDPOINTS:
            _wrk(base, paths[endpoint][name], args.warmup, args.connections)
            results[endpoint] = _wrk(base, paths[endpoint][name], args.seconds, args.connections)
            print(f"{name:9} {endpoint:6} {json.dumps(results[endpoint])}", flush=True)
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # uvicorn waits for wrk's last keep-alive connections
            server.kill()
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--export", required=True, type=Path)
    parser.add_argument("--datasette", required=True)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    paths = _paths(args.export)
    env = {**os.environ, "POLITZEK_DATABASE_URL": args.db}
    politzek = _measure("politzek", [sys.executable, "-m", "politzek", "serve", "--port", "8761",
                                     "--workers", str(args.workers)], 8761, "/", paths, args, env)
    datasette = _measure("datasette", [args.datasette, "serve", "-i", str(args.export), "--port", "8762",
                                       "--setting", "default_page_size", "50"], 8762, "/", paths, args, env)
    summary = {"db": args.db.split(":", 1)[0], "connections": args.connections, "seconds": args.seconds,
               "workers": args.workers, "politzek": politzek, "datasette": datasette}
    print(f"\n| {summary['db']} | req/s | ÷ Datasette | p50 ms | p95 ms | ÷ Datasette | p99 ms |")
    for endpoint in ENDPOINTS:
        ours, theirs = politzek[endpoint], datasette[endpoint]
        print(f"| {endpoint} | {ours['requests_per_second']:,.0f} "
              f"| {ours['requests_per_second'] / theirs['requests_per_second']:.2f} "
              f"| {ours['p50_ms']:.0f} | {ours['p95_ms']:.0f} | {ours['p95_ms'] / theirs['p95_ms']:.2f} "
              f"| {ours['p99_ms']:.0f} |")
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
