"""Benchmark: what distinct anonymous requests do to a server worker's memory (issue 33: 150
requests of `/api/proposals?limit=500&junk=N` took two workers from 212 to 773 MB, because the
memory cache bounded entries, not bytes).

Starts `politzek serve` (gunicorn, 1 worker) on a registry, sends REQUESTS requests that each
name a page no one asked for before, and reads the worker's resident memory before and after,
once with the byte bound (POLITZEK_CACHE_MEMORY_MB, default 48) and once with it raised to
4,096 MB, which keeps every answer as the entry bound alone did before: the baseline, run
side by side.

Usage: python bench/cache_memory.py --db sqlite:////tmp/bd.db [--requests 150]
"""

from __future__ import annotations

import argparse
import json
import os
import time
import urllib.request
from pathlib import Path

from one_worker_server import one_worker_server


def _worker_rss_mb(master: int) -> float:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for child in children:
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def _run(db: str, requests: int, megabytes: int, path: str) -> dict:
    env = {**os.environ, "POLITZEK_DATABASE_URL": db, "POLITZEK_CACHE": "memory",
           "POLITZEK_CACHE_MEMORY_MB": str(megabytes)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with one_worker_server(env) as (base, server):
        urllib.request.urlopen(base + path.format(n="warm"), timeout=120).read()
        before = _worker_rss_mb(server.pid)
        sizes = []
        started = time.perf_counter()
        for n in range(requests):
            sizes.append(len(urllib.request.urlopen(base + path.format(n=n), timeout=120).read()))
        seconds = time.perf_counter() - started
        after = _worker_rss_mb(server.pid)
    return {"cache_mb": megabytes, "rss_before_mb": before, "rss_after_mb": after,
            "grew_mb": round(after - before, 1), "answer_kb": round(sum(sizes) / len(sizes) / 1024, 1),
            "seconds": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--path", default="/api/people?limit=500&junk={n}")
    args = parser.parse_args()
    results = [_run(args.db, args.requests, megabytes, args.path) for megabytes in (48, 4096, 48)]
    print(json.dumps({"requests": args.requests, "path": args.path, "runs": results}, indent=2))


if __name__ == "__main__":
    main()
