"""Command line: the same operations as the pages, for scripts and schedulers.

    python cli.py init [--demo | --catalogue FILE] [--if-absent] [--lang nl|en]
    python cli.py import FILE [--dry-run] [--lang nl|en]
    python cli.py export --quarter 2025Q3 [...]
    python cli.py catalogue export [--out FILE] [--lang nl|en] [--format xlsx|csv] [--vintage ISO]
    python cli.py catalogue import FILE [--dry-run] [--lang nl|en]

Exit status 0 on success; 1 when the input was refused; 2 for bad arguments, unreadable input, or
a database that another process kept locked for writing for too long.
The database is ``$MONITOR_DB`` (default ``data/monitor.duckdb``). This is an entry point, like the
pages: it reads the clock here and passes it down.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from data import export
from data.catalogue_intake import CatalogueResult, import_catalogue_file
from data.catalogue_workbook import (
    CATALOGUE_FORMATS,
    catalogue_csv_zip,
    catalogue_file_name,
    catalogue_workbook,
)
from data.dialects import DIALECT_NAMES
from data.init import CatalogueRefusedError, initialize
from data.intake import ImportResult, import_file
from data.store import StoreBusyError, database_path, open_reader
from ui.catalogue_labels import workbook_texts
from ui.catalogue_text import change_lines, warning_text
from ui.catalogue_text import problem_text as catalogue_problem_text
from ui.i18n import DEFAULT_LANG, LANGUAGES, t
from ui.intake_text import problem_text
from ui.labels import export_status_labels, untranslated_mark

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_BUSY = 2


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def cmd_init(args: argparse.Namespace) -> int:
    path = database_path()
    catalogue = Path(args.catalogue) if args.catalogue is not None else None
    if catalogue is not None:
        unreadable = _unreadable_catalogue(catalogue, args.lang)
        if unreadable is not None:
            print(unreadable, file=sys.stderr)
            return EXIT_USAGE
    try:
        created = initialize(
            path,
            demo=args.demo,
            clock=_now(),
            if_absent=args.if_absent,
            catalogue=catalogue,
            user=_user(),
        )
    except StoreBusyError as error:
        # Another writer (an import, another init) holds the lock: nothing was changed.
        print(f"error: database busy: {error} (nothing was changed)", file=sys.stderr)
        return EXIT_BUSY
    except CatalogueRefusedError as refused:
        return _report_init_refused(refused.result, args.lang)
    if not created:
        print(f"database present: {path}")
        return EXIT_OK
    kind = "demo data" if args.demo else "structure only"
    if catalogue is not None:
        kind = f"structure and catalogue {catalogue.name}"
    print(f"database created ({kind}): {path}")
    return EXIT_OK


def _unreadable_catalogue(catalogue: Path, lang: str) -> str | None:
    """The message when the workbook of ``init --catalogue`` cannot be opened, else None."""
    try:
        with open(catalogue, "rb"):
            pass
    except OSError as error:
        reason = error.strerror or error
        return t("catalogue_intake.cli.unreadable", lang, file=catalogue, reason=reason)
    return None


def _report_init_refused(result: CatalogueResult, lang: str) -> int:
    """The refused workbook's problems, one a line on stderr: no database was made."""
    lines = [t("catalogue_workbook.init.rejected", lang, file=result.file_name)]
    lines += [catalogue_problem_text(problem, lang) for problem in result.problems]
    lines += [
        t("catalogue_intake.cli.warning", lang, text=warning_text(warning, lang))
        for warning in result.warnings
    ]
    print("\n".join(lines), file=sys.stderr)
    return EXIT_REJECTED


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _report_import(result: ImportResult, lang: str) -> int:
    """Accepted: a summary on stdout. Rejected: a summary and one problem a line on stderr."""
    if not result.accepted:
        key = "intake.cli.rejected_dry_run" if result.dry_run else "intake.cli.rejected"
        lines = [t(key, lang, file=result.file_name, count=len(result.problems))]
        lines += [problem_text(problem, lang) for problem in result.problems]
        print("\n".join(lines), file=sys.stderr)
        return EXIT_REJECTED
    key = "intake.cli.dry_run" if result.dry_run else "intake.cli.accepted"
    print(
        t(
            key,
            lang,
            file=result.file_name,
            import_id=result.import_id,
            skipped=result.rows_skipped,
            **result.counts,
        )
    )
    for change in result.changes:
        if change.kind != "unchanged":
            print(
                t(
                    "intake.cli.change",
                    lang,
                    kind=t(f"intake.kind.{change.kind}", lang),
                    indicator=change.indicator_id,
                    part=change.part_id,
                    period=change.period,
                    old=_number(change.old_value),
                    new=_number(change.value),
                )
            )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    lang = args.lang
    path = database_path()
    if not path.exists():
        print(t("intake.cli.no_database", lang, path=path), file=sys.stderr)
        return EXIT_USAGE
    source = Path(args.file)
    try:
        result = import_file(source, db_path=path, user=_user(), clock=_now(), dry_run=args.dry_run)
    except OSError as error:
        print(
            t("intake.cli.unreadable", lang, file=source, reason=error.strerror or error),
            file=sys.stderr,
        )
        return EXIT_USAGE
    except StoreBusyError:
        print(t("intake.cli.busy", lang), file=sys.stderr)
        return EXIT_BUSY
    return _report_import(result, lang)


def _error(command: str, message: str) -> None:
    print(f"cli.py {command}: error: {message}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    try:
        request = export.ExportRequest(
            quarter=args.quarter,
            parts=args.parts,
            action_lines=args.action_lines,
            what=args.what,
            fmt=args.format,
            dialect=args.dialect,
            lang=args.lang,
            vintage=export.parse_vintage(args.vintage) if args.vintage is not None else None,
            status_labels=export_status_labels(args.what, args.lang),
            untranslated=untranslated_mark(args.lang),
        )
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
    try:
        if args.out is None:
            # Through a temporary file in chunks: a file of millions of rows never sits in memory.
            with tempfile.TemporaryDirectory(prefix="monitor-export-") as directory:
                staged = Path(directory) / "export"
                export.write_export(con, staged, request)
                with open(staged, "rb") as source:
                    shutil.copyfileobj(source, sys.stdout.buffer, 1 << 20)
            sys.stdout.buffer.flush()
            return EXIT_OK
        result = export.write_export(con, args.out, request)
    except export.ExportError as error:
        _error("export", str(error))
        return EXIT_USAGE
    except OSError as error:
        target = args.out if args.out is not None else "standard output"
        _error("export", f"cannot write {target}: {error.strerror or error}")
        return EXIT_USAGE
    finally:
        con.close()
    vintage_text = result.vintage.isoformat() if result.vintage else "none (no observations)"
    print(f"exported {result.rows} rows to {args.out} (vintage {vintage_text})")
    return EXIT_OK


def _write_atomically(target: Path, data: bytes) -> None:
    """``data`` to ``target`` through a temporary file beside it and a rename: a failure leaves
    ``target`` as it was."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; a workbook is for sharing: the umask decides, as for
        # any file the user writes.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def cmd_catalogue_export(args: argparse.Namespace) -> int:
    try:
        vintage = export.parse_vintage(args.vintage) if args.vintage is not None else None
    except export.ExportError as error:
        _error("catalogue export", str(error))
        return EXIT_USAGE
    target = args.out if args.out is not None else Path(catalogue_file_name(args.lang, args.format))
    try:
        con = open_reader(database_path())
    except FileNotFoundError as error:
        _error("catalogue export", str(error))
        return EXIT_USAGE
    except StoreBusyError as error:
        _error("catalogue export", f"database busy: {error}")
        return EXIT_BUSY
    try:
        if args.format == "xlsx":
            data = catalogue_workbook(
                con, lang=args.lang, texts=workbook_texts(args.lang), vintage=vintage
            )
        else:
            data = catalogue_csv_zip(con, lang=args.lang, vintage=vintage)
    finally:
        con.close()
    try:
        _write_atomically(target, data)
    except OSError as error:
        _error("catalogue export", f"cannot write {target}: {error.strerror or error}")
        return EXIT_USAGE
    print(f"catalogue written to {target}")
    return EXIT_OK


def _add_catalogue_export(catalogue: argparse._SubParsersAction) -> None:
    exporting = catalogue.add_parser(
        "export",
        help="write the indicators and targets as a workbook (.xlsx) or two CSVs in a .zip",
        description=(
            "Write the catalogue: indicators and targets. Without --out it goes to the current "
            "directory as catalogus.xlsx / catalogue.xlsx (csv: catalogus-csv.zip / "
            "catalogue-csv.zip)."
        ),
    )
    exporting.add_argument("--out", type=Path, metavar="FILE", help="default: see above")
    _add_lang(exporting, "sheet names and help texts")
    exporting.add_argument("--format", choices=CATALOGUE_FORMATS, default="xlsx")
    exporting.add_argument(
        "--vintage",
        metavar="ISO-8601",
        help="the catalogue as recorded at this moment (UTC); default: now",
    )
    exporting.set_defaults(handler=cmd_catalogue_export)


# --- catalogue import ---------------------------------------------------------------------------


def _catalogue_counts(result: CatalogueResult, lang: str) -> str:
    counts = {
        f"{what}_{kind}": number
        for what, per_kind in result.counts.items()
        for kind, number in per_kind.items()
    }
    return t("catalogue_intake.cli.counts", lang, **counts)


def _report_catalogue_import(result: CatalogueResult, lang: str) -> int:
    """Accepted: the counts and every change on stdout. Rejected: every problem on stderr.
    Warnings (columns ignored) go to stderr either way."""
    warnings = [
        t("catalogue_intake.cli.warning", lang, text=warning_text(warning, lang))
        for warning in result.warnings
    ]
    if not result.accepted:
        key = (
            "catalogue_intake.cli.rejected_dry_run"
            if result.dry_run
            else "catalogue_intake.cli.rejected"
        )
        lines = [t(key, lang, file=result.file_name, count=len(result.problems))]
        lines += [catalogue_problem_text(problem, lang) for problem in result.problems]
        print("\n".join([*lines, *warnings]), file=sys.stderr)
        return EXIT_REJECTED
    key = "catalogue_intake.cli.dry_run" if result.dry_run else "catalogue_intake.cli.accepted"
    lines = [
        t(
            key,
            lang,
            file=result.file_name,
            import_id=result.import_id,
            counts=_catalogue_counts(result, lang),
        )
    ]
    for change in result.to_write:
        lines += change_lines(change, lang)
    print("\n".join(lines))
    if warnings:
        print("\n".join(warnings), file=sys.stderr)
    return EXIT_OK


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    lang = args.lang
    path = database_path()
    if not path.exists():
        print(t("catalogue_intake.cli.no_database", lang, path=path), file=sys.stderr)
        return EXIT_USAGE
    source = Path(args.file)
    try:
        result = import_catalogue_file(
            source, db_path=path, user=_user(), clock=_now(), dry_run=args.dry_run
        )
    except OSError as error:
        reason = error.strerror or error
        print(
            t("catalogue_intake.cli.unreadable", lang, file=source, reason=reason), file=sys.stderr
        )
        return EXIT_USAGE
    except StoreBusyError:
        print(t("catalogue_intake.cli.busy", lang), file=sys.stderr)
        return EXIT_BUSY
    return _report_catalogue_import(result, lang)


def _add_catalogue_import(catalogue_commands: argparse._SubParsersAction) -> None:
    importing = catalogue_commands.add_parser(
        "import",
        help="validate a catalogue workbook (.xlsx, or .zip of two CSVs) and import it",
        description="Validate the catalogue workbook (indicators and targets) and import it: "
        "an upsert; new and changed rows become new versions, in one transaction.",
    )
    importing.add_argument("file", help="the .xlsx workbook, or a .zip with the two CSV files")
    importing.add_argument(
        "--dry-run", action="store_true", help="only report what would change; write nothing"
    )
    _add_lang(importing, "language of the messages")
    importing.set_defaults(handler=cmd_catalogue_import)


def _add_lang(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANG, help=help_text)


def _add_repeated_id(parser: argparse.ArgumentParser, flag: str, dest: str, help_text: str) -> None:
    """An option that may be given several times, collecting ids into a list (default: all)."""
    parser.add_argument(flag, dest=dest, action="append", default=[], metavar="ID", help=help_text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cli.py", description="Progress monitor, Security Strategy for the Kingdom"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="create the database (replaces an existing one)")
    start = init.add_mutually_exclusive_group()
    start.add_argument("--demo", action="store_true", help="fill it with the demo data set")
    start.add_argument(
        "--catalogue",
        metavar="FILE",
        help="start from this catalogue workbook (.xlsx, or .zip of two CSVs); "
        "refused: no database is made",
    )
    _add_lang(init, "language of the messages about the catalogue")
    init.add_argument(
        "--if-absent", action="store_true", help="do nothing when the database already exists"
    )
    init.set_defaults(handler=cmd_init)

    intake = commands.add_parser(
        "import", help="validate a quarter's figures (CSV or .xlsx) and import them"
    )
    intake.add_argument("file", help="the CSV or .xlsx file to import")
    intake.add_argument(
        "--dry-run", action="store_true", help="only report what would change; write nothing"
    )
    _add_lang(intake, "language of the messages")
    intake.set_defaults(handler=cmd_import)

    exporting = commands.add_parser(
        "export",
        help="write the quarterly export (CSV or Parquet)",
        description="Write the quarterly export. Without --out it goes to standard output.",
    )
    exporting.add_argument("--quarter", required=True, help="the quarter assessed, like 2025Q3")
    _add_repeated_id(
        exporting,
        "--part",
        "parts",
        "a Kingdom part or entity (with everything under it); repeat for more; default all",
    )
    _add_repeated_id(
        exporting,
        "--action-line",
        "action_lines",
        "an action line like AL03; repeat for more; default all",
    )
    exporting.add_argument(
        "--dialect",
        choices=DIALECT_NAMES,
        default="standard",
        help="standard: comma, decimal point, UTF-8; excel-nl: semicolon, decimal comma, BOM",
    )
    _add_lang(exporting, "names and labels")
    exporting.add_argument(
        "--vintage",
        metavar="ISO-8601",
        help="what the database knew at this moment (UTC); default: its last change",
    )
    exporting.add_argument(
        "--what",
        choices=export.WHATS,
        default="assessment",
        help="assessment: per indicator and part; observations: the values; actions: per "
        "priority and part; narrative: the duiding per action line and part",
    )
    exporting.add_argument("--format", choices=export.FORMATS, default="csv")
    exporting.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")
    exporting.set_defaults(handler=cmd_export)

    catalogue = commands.add_parser(
        "catalogue", help="the indicator catalogue and its targets as a workbook (export, import)"
    )
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True)
    _add_catalogue_export(catalogue_commands)
    _add_catalogue_import(catalogue_commands)
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
