"""Command line: the same operations as the pages, for scripts and schedulers.

    python cli.py init [--demo] [--if-absent]
    python cli.py import FILE [--dry-run] [--lang nl|en]
    python cli.py export --quarter 2025Q3 [...]

Exit status 0 on success; 1 when the input was refused; 2 for bad arguments, unreadable input, or
a database that another process kept locked for writing for too long.
The database is ``$MONITOR_DB`` (default ``data/monitor.duckdb``). This is an entry point, like the
pages: it reads the clock here and passes it down.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from data.init import initialize
from data.store import StoreBusyError, database_path

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_BUSY = 2


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def cmd_init(args: argparse.Namespace) -> int:
    path = database_path()
    try:
        created = initialize(path, demo=args.demo, clock=_now(), if_absent=args.if_absent)
    except StoreBusyError as error:
        # Another writer (an import, another init) holds the lock: nothing was changed.
        print(f"error: database busy: {error} (nothing was changed)", file=sys.stderr)
        return EXIT_BUSY
    if not created:
        print(f"database present: {path}")
        return EXIT_OK
    kind = "demo data" if args.demo else "structure only"
    print(f"database created ({kind}): {path}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cli.py", description="Progress monitor, Security Strategy for the Kingdom"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="create the database (replaces an existing one)")
    init.add_argument("--demo", action="store_true", help="fill it with the demo data set")
    init.add_argument(
        "--if-absent", action="store_true", help="do nothing when the database already exists"
    )
    init.set_defaults(handler=cmd_init)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
