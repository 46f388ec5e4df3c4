"""``kg serve``: the ``oxigraph`` server binary on a built store.

Read-only (``oxigraph serve-read-only``) unless asked otherwise, bound to
127.0.0.1, with the union of all named graphs as the default graph (as every
other store of this package) and Oxigraph's own query timeout
(``--timeout-s``). Its built-in web UI answers at the root URL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


class ServerError(RuntimeError):
    """The server binary is missing or did not come up (message says why)."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI next to this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file():
        return str(local)
    found = shutil.which("oxigraph")
    if not found:
        raise ServerError("the `oxigraph` server binary is not installed (pip install oxigraph)")
    return found


def server_command(
    store_dir: str | Path,
    bind: str = "127.0.0.1:7878",
    *,
    writable: bool = False,
    timeout: float | None = None,
    cors: bool = False,
) -> list[str]:
    cmd = [
        oxigraph_binary(),
        "serve" if writable else "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        bind,
        "--union-default-graph",
    ]
    if timeout:
        cmd += ["--timeout-s", str(max(1, round(timeout)))]
    if cors:
        cmd.append("--cors")
    return cmd


def base_url(bind: str) -> str:
    host, _, port = bind.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def wait_ready(url: str, proc: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    """Block until ``url`` answers a SPARQL ASK (or raise with the server's output)."""
    deadline = time.monotonic() + timeout
    query = url + "/query?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            out = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise ServerError(f"oxigraph exited with code {proc.returncode}: {out.strip()[-500:]}")
        try:
            with urllib.request.urlopen(query, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise ServerError(f"no answer from {url} after {timeout:.0f} s")


def start_server(
    store_dir: str | Path,
    bind: str = "127.0.0.1:7878",
    *,
    writable: bool = False,
    timeout: float | None = None,
    cors: bool = False,
    wait: bool = True,
) -> subprocess.Popen:
    """Start the server process on ``store_dir``; returns once it answers."""
    if not (Path(store_dir) / "CURRENT").exists():
        raise ServerError(f"{store_dir}: not an Oxigraph store")
    proc = subprocess.Popen(
        server_command(store_dir, bind, writable=writable, timeout=timeout, cors=cors),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if wait:
        try:
            wait_ready(base_url(bind), proc)
        except BaseException:
            stop_server(proc)
            raise
    return proc


def stop_server(proc: subprocess.Popen, grace: float = 5.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
