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
from pathlib import Path

from data.init import initialize
from data.store import StoreBusyError, database_path, open_reader

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


def _error(command: str, message: str) -> None:
    print(f"cli.py {command}: error: {message}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    # Imported here so that `init` and `import` never load the export (or the engine behind it).
    from data import export
    from metrics.constants import STATUSES
    from ui.i18n import t

    try:
        vintage = export.parse_vintage(args.vintage) if args.vintage is not None else None
    except export.ExportError as error:
        _error("export", str(error))
        return EXIT_USAGE
    try:
        con = open_reader(database_path())
    except FileNotFoundError as error:
        _error("export", str(error))
        return EXIT_USAGE
    except StoreBusyError as error:
        _error("export", f"database busy: {error}")
        return EXIT_BUSY
    options = {
        "quarter": args.quarter,
        "parts": args.parts,
        "action_lines": args.action_lines,
        "what": args.what,
        "dialect": args.dialect,
        "fmt": args.format,
        "lang": args.lang,
        "vintage": vintage,
        "status_labels": {status: t(f"status.{status}", args.lang) for status in STATUSES},
    }
    try:
        if args.out is None:
            sys.stdout.buffer.write(export.export(con, **options))
            sys.stdout.buffer.flush()
            return EXIT_OK
        result = export.write_export(con, args.out, **options)
    except export.ExportError as error:
        _error("export", str(error))
        return EXIT_USAGE
    except OSError as error:
        _error("export", f"cannot write {args.out}: {error.strerror or error}")
        return EXIT_USAGE
    finally:
        con.close()
    vintage_text = result.vintage.isoformat() if result.vintage else "none (no observations)"
    print(f"exported {result.rows} rows to {args.out} (vintage {vintage_text})")
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

    # Choices are spelled out here (not imported) so that `--help` never loads the engine.
    export = commands.add_parser(
        "export",
        help="write the quarterly export (CSV or Parquet)",
        description="Write the quarterly export. Without --out it goes to standard output.",
    )
    export.add_argument("--quarter", required=True, help="the quarter assessed, like 2025Q3")
    export.add_argument(
        "--part",
        dest="parts",
        action="append",
        default=[],
        metavar="ID",
        help="a Kingdom part or entity (with everything under it); repeat for more; default all",
    )
    export.add_argument(
        "--action-line",
        dest="action_lines",
        action="append",
        default=[],
        metavar="ID",
        help="an action line like AL03; repeat for more; default all",
    )
    export.add_argument(
        "--dialect",
        choices=("standard", "excel-nl"),
        default="standard",
        help="standard: comma, decimal point, UTF-8; excel-nl: semicolon, decimal comma, BOM",
    )
    export.add_argument("--lang", choices=("nl", "en"), default="nl", help="names and labels")
    export.add_argument(
        "--vintage",
        metavar="ISO-8601",
        help="what the database knew at this moment (UTC); default: its last change",
    )
    export.add_argument("--what", choices=("assessment", "observations"), default="assessment")
    export.add_argument("--format", choices=("csv", "parquet"), default="csv")
    export.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")
    export.set_defaults(handler=cmd_export)
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
