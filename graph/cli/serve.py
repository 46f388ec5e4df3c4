"""``kg serve``: a SPARQL endpoint (and Oxigraph's query UI) on the built store."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.cli._common import add_store_option, err, out, store_location

ORDER = 65


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the store over HTTP (SPARQL endpoint + query UI)",
        description="Start the `oxigraph` server on the built store: read-only unless "
        "--writable, on 127.0.0.1 unless --bind says otherwise. Queries see the union of all "
        "graphs; federated queries (SERVICE) are refused. Stop with Ctrl-C.",
    )
    add_store_option(p)
    p.add_argument("--bind", default="127.0.0.1:7878", metavar="HOST:PORT")
    p.add_argument(
        "--writable", action="store_true", help="accept SPARQL updates (default: read-only)"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="query timeout in seconds (default 60; 0 = none)",
    )
    p.add_argument("--cors", action="store_true", help="allow cross-origin requests")
    p.set_defaults(func=run)


def store_dir(location: str) -> Path | None:
    """The Oxigraph directory behind a build directory or store path."""
    from graph.store.layout import BuildDir

    path = Path(location)
    if (path / "CURRENT").exists():
        return path
    current = BuildDir(path).current_store()
    return current.resolve() if current is not None else None


def run(args: argparse.Namespace) -> int:
    import signal
    import sys

    from graph.store.server import base_url

    location = store_location(args)
    if location.startswith(("http://", "https://")):
        err.print(f"[red]{location} is already a SPARQL endpoint[/red]")
        return 2
    directory = store_dir(location)
    if directory is None:
        err.print(
            f"[red]{location}: no Oxigraph store (run `kg build PATHS --out {location}`)[/red]"
        )
        return 2
    # SIGTERM (a service manager, `kill`) ends the server like Ctrl-C: the finally
    # clause of _serve_guarded stops the Oxigraph process instead of leaving it running.
    # Always behind the guard: it enforces the timeout and refuses SERVICE.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    mode = "read-write" if args.writable else "read-only"
    url = base_url(args.bind)
    return _serve_guarded(directory, args, url, mode)


def _announce(directory: Path, url: str, mode: str, args: argparse.Namespace) -> None:
    out.print(f"serving {directory} ({mode}) at {url}/", highlight=False)
    out.print(
        f"SPARQL endpoint: {url}/query" + (f"  updates: {url}/update" if args.writable else "")
    )
    out.file.flush()


def _serve_guarded(directory: Path, args: argparse.Namespace, url: str, mode: str) -> int:
    from graph.store.server import GuardedServer, ServerError

    try:
        server = GuardedServer(
            directory,
            args.bind,
            timeout=args.timeout or None,
            writable=args.writable,
            cors=args.cors,
        )
    except (ServerError, OSError) as exc:
        err.print(f"[red]{exc}[/red]")
        return 1
    try:
        _announce(directory, url, mode, args)
        err.print(f"query timeout: {args.timeout:g} s" if args.timeout else "no query timeout")
        server.serve_forever()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        server.close()
