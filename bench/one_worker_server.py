"""`politzek serve` with one gunicorn worker for a benchmark: started on a free port, waited for
until it answers, stopped at the end (used by cache_memory.py and first_visit.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def one_worker_server(env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, the gunicorn master process) of a server on the registry `env` names."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "politzek", "serve", "--port", str(port), "--workers", "1"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
