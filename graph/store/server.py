"""``kg serve``: the ``oxigraph`` server binary on a built store.

Read-only (``oxigraph serve-read-only``) unless asked otherwise, bound to
127.0.0.1, with the union of all named graphs as the default graph (as every
other store of this package). A query timeout is enforced by ``GuardedServer``
(Oxigraph's own ``--timeout-s`` bounds the HTTP exchange, not a running query).
Its built-in web UI answers at the root URL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


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


# --------------------------------------------------------------------------- query timeout


#: Request headers passed on to the backend (the rest are hop-by-hop or irrelevant).
_FORWARD = ("content-type", "accept", "accept-encoding", "accept-language")


class GuardedServer:
    """The Oxigraph server behind a small front that enforces a query timeout.

    Oxigraph's ``--timeout-s`` bounds the HTTP exchange, not the evaluation: a
    runaway aggregate (a cross product under COUNT) keeps its thread busy for
    ever. The front forwards every request to an Oxigraph process on a private
    port; when an answer takes longer than ``timeout`` seconds it replies 503
    ("query timeout") and replaces the backend process, which stops the query.
    The store is read by the new process as it was. ``timeout=None``: no limit.
    A query or update using SERVICE is refused (403) unless ``allow_service``.
    """

    def __init__(
        self,
        store_dir: str | Path,
        bind: str,
        *,
        timeout: float | None,
        writable: bool = False,
        cors: bool = False,
        allow_service: bool = False,
    ) -> None:
        import threading

        self.store_dir, self.bind, self.timeout = Path(store_dir), bind, timeout
        self.writable, self.cors, self.allow_service = writable, cors, allow_service
        self._lock = threading.Lock()
        self._generation = 0
        self.backend: subprocess.Popen | None = None
        self.backend_url = ""
        self.restarts = 0
        self._start_backend()
        self.httpd = self._front()

    # ------------------------------------------------------------------ backend

    def _start_backend(self) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        bind = f"127.0.0.1:{port}"
        self.backend = start_server(self.store_dir, bind, writable=self.writable, cors=self.cors)
        self.backend_url = base_url(bind)

    def _restart(self, generation: int) -> None:
        """Replace the backend unless another request already did."""
        with self._lock:
            if generation != self._generation:
                return
            if self.backend is not None:
                stop_server(self.backend, grace=1.0)
            self._start_backend()
            self._generation += 1
            self.restarts += 1

    # ------------------------------------------------------------------ front

    def _front(self) -> Any:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        guard = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                guard.forward(self, "GET")

            def do_POST(self) -> None:
                guard.forward(self, "POST")

            def do_OPTIONS(self) -> None:
                guard.forward(self, "OPTIONS")

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet, as the Oxigraph server is

        host, _, port = self.bind.rpartition(":")
        server = ThreadingHTTPServer((host.strip("[]") or "127.0.0.1", int(port)), Handler)
        server.daemon_threads = True
        return server

    def forward(self, h: Any, method: str) -> None:
        import http.client

        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else None
        if not self.allow_service and asks_service(h.path, h.headers.get("Content-Type"), body):
            payload = b"federated queries (SERVICE) are refused by this server\n"
            return _reply(h, 403, "text/plain; charset=utf-8", payload, [])
        generation = self._generation
        host, _, port = self.backend_url.removeprefix("http://").rpartition(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=self.timeout)
        headers = {k: v for k, v in h.headers.items() if k.lower() in _FORWARD}
        try:
            conn.request(method, h.path, body=body, headers=headers)
            r = conn.getresponse()
            payload = r.read()
            status, ctype = r.status, r.getheader("Content-Type", "text/plain")
            extra = [(k, v) for k, v in r.getheaders() if k.lower().startswith("access-control")]
        except TimeoutError:
            self._restart(generation)
            status, ctype, extra = 503, "text/plain; charset=utf-8", []
            payload = f"query timeout: stopped after {self.timeout:g} s\n".encode()
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            status, ctype, extra = 502, "text/plain; charset=utf-8", []
            payload = f"backend unavailable: {exc}\n".encode()
        finally:
            conn.close()
        _reply(h, status, ctype, payload, extra)

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def close(self) -> None:
        self.httpd.server_close()
        if self.backend is not None:
            stop_server(self.backend)


def _reply(h: Any, status: int, ctype: str, payload: bytes, extra: list[tuple[str, str]]) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(payload)))
    for k, v in extra:
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(payload)


def asks_service(path: str, content_type: str | None, body: bytes | None) -> bool:
    """Whether a request's SPARQL uses SERVICE: Oxigraph would fetch from any URL a
    visitor names (requests to the researcher's network, or out of an offline machine)."""
    from urllib.parse import parse_qs, urlsplit

    from graph.store.sparql import has_keyword

    def sparql(form: dict[str, list[str]]) -> list[str]:
        return form.get("query", []) + form.get("update", [])

    texts = sparql(parse_qs(urlsplit(path).query))
    if body:
        data = body.decode("utf-8", "replace")
        ctype = (content_type or "").split(";")[0].strip().lower()
        texts += sparql(parse_qs(data)) if ctype.endswith("urlencoded") else [data]
    return any(has_keyword(q, "SERVICE") for q in texts)
