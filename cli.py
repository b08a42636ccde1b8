"""Command line: the same operations as the pages, for scripts and schedulers.

    python cli.py init [--demo | --catalogue FILE] [--if-absent] [--lang nl|en]
    python cli.py import FILE [--dry-run] [--lang nl|en]
    python cli.py export --quarter 2025Q3 [...]
    python cli.py report --quarter 2026Q3 [--part ID] [--lang nl|en] [--vintage ISO]
                         [--format docx|html|pdf] [--out FILE]
    python cli.py catalogue export [--out FILE] [--lang nl|en] [--format xlsx|csv] [--vintage ISO]
    python cli.py catalogue import FILE [--dry-run] [--lang nl|en]
    python cli.py access grant EMAIL --role ROLE [--part ID ...] [--reason TEXT] [--lang nl|en]
    python cli.py access revoke EMAIL [--role ROLE] [--part ID ...] [--reason TEXT] [--lang nl|en]
    python cli.py access list [--lang nl|en]

The CLI runs on the server, by its operators: it acts as a local admin (every action allowed),
recorded under the OS user's name. The dashboard's sign-in and roles (``MONITOR_AUTH=oidc``)
govern the pages; ``access`` is how the first admin is made.

Exit status 0 on success; 1 when the input was refused; 2 for bad arguments, unreadable input, a
database that another process kept locked for writing for too long (the message names it), or a
database file that is not the monitor's, is damaged, or is open for writing elsewhere.
Every line it prints goes through ``_say``: control characters in it (a file's cells, its name)
are shown escaped (``ui.literal``), and a reader that went away (``| head -1``) ends the printing
quietly without changing the exit status, which is decided (an import committed) before printing.
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
from typing import TYPE_CHECKING, TextIO

# Only what every command needs (and the parser's choices) is imported here: each command
# imports its own modules, so an export or ``--help`` never loads pandera (the catalogue's
# checks), plotly and kaleido (the report) or openpyxl (workbooks).
from data import export
from data.access_rules import ROLES, Actor
from data.dialects import DIALECT_NAMES
from data.store import StoreBusyError, StoreError, database_path, open_reader, waiting_notice
from ui.i18n import DEFAULT_LANG, LANGUAGES, t
from ui.literal import terminal_text

if TYPE_CHECKING:
    from data.access_store import AccessChange
    from data.catalogue_intake import CatalogueResult
    from data.intake import ImportResult

# The choices of ``report --format`` and ``catalogue export --format``, as report.document's
# FORMATS and data.catalogue_workbook's CATALOGUE_FORMATS (tests/cli/test_cli_start.py holds
# them equal) without importing those modules for every command.
REPORT_FORMATS = ("docx", "html", "pdf")
CATALOGUE_FORMATS = ("xlsx", "csv")

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_BUSY = 2


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _store_failed(error: StoreError, lang: str) -> int:
    """What is wrong with the database (busy, not a database, damaged) on stderr; exit 2."""
    _say(t(f"store.error.{error.code}", lang, **error.params), err=True)
    return EXIT_BUSY if isinstance(error, StoreBusyError) else EXIT_USAGE


def _told_while_waiting(lang: str) -> contextlib.AbstractContextManager[None]:
    """While a write waits for the lock: after a few seconds, once, whom it waits for."""

    def tell(holder: StoreBusyError) -> None:
        _say(t(f"store.waiting.{holder.code}", lang, **holder.params), err=True)

    return waiting_notice(tell)


def _say(*lines: str, err: bool = False) -> None:
    """``lines`` one a line on stdout (with ``err``: stderr), every control character in them
    shown escaped (``ui.literal``): a file's cells and name are printed, never obeyed.

    A reader that went away (``cli.py import FILE | head -1``) ends the printing quietly: the
    rest goes nowhere, and the exit status stays what the command decided before it printed.
    """
    if not lines:
        return
    stream = sys.stderr if err else sys.stdout
    try:
        print("\n".join(terminal_text(line) for line in lines), file=stream)
    except BrokenPipeError:
        _discard(stream)


def _discard(stream: TextIO) -> None:
    """From now on, what is written to ``stream`` goes to the null device (the Python docs'
    recipe for a closed pipe: also the flush at exit then has nowhere to fail)."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # a stream without a file (tests capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _flush_output() -> None:
    """Flush stdout and stderr now, while a closed pipe can still be handled quietly."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _discard(stream)


def cmd_init(args: argparse.Namespace) -> int:
    from data.init import CatalogueRefusedError, initialize

    path = database_path()
    catalogue = Path(args.catalogue) if args.catalogue is not None else None
    if catalogue is not None:
        unreadable = _unreadable_catalogue(catalogue, args.lang)
        if unreadable is not None:
            _say(unreadable, err=True)
            return EXIT_USAGE
    try:
        with _told_while_waiting(args.lang):
            created = initialize(
                path,
                demo=args.demo,
                clock=_now(),
                if_absent=args.if_absent,
                catalogue=catalogue,
                actor=_actor(),
            )
    except StoreError as error:
        # Busy (another writer holds the lock), or a file that is not a database: unchanged.
        return _store_failed(error, args.lang)
    except CatalogueRefusedError as refused:
        return _report_init_refused(refused.result, args.lang)
    if not created:
        _say(f"database present: {path}")
        return EXIT_OK
    kind = "demo data" if args.demo else "structure only"
    if catalogue is not None:
        kind = f"structure and catalogue {catalogue.name}"
    _say(f"database created ({kind}): {path}")
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
    from ui.catalogue_text import problem_text as catalogue_problem_text
    from ui.catalogue_text import warning_text

    lines = [t("catalogue_workbook.init.rejected", lang, file=result.file_name)]
    lines += [catalogue_problem_text(problem, lang) for problem in result.problems]
    lines += [
        t("catalogue_intake.cli.warning", lang, text=warning_text(warning, lang))
        for warning in result.warnings
    ]
    _say(*lines, err=True)
    return EXIT_REJECTED


def _actor() -> Actor:
    """The operator running the CLI: a local admin under the OS user's name."""
    try:
        return Actor.operator(getpass.getuser())
    except (KeyError, OSError):
        return Actor.operator("cli")


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _change_lines(result: ImportResult, lang: str) -> list[str]:
    """One line per row that adds a version: figures, action reports, duiding."""
    from data.intake import ActionChange, NarrativeChange
    from ui.labels import action_status_labels

    statuses = action_status_labels(lang)
    lines = []
    for change in result.all_changes:
        if change.kind == "unchanged":
            continue
        if isinstance(change, ActionChange):
            key = "intake_actions.cli.change_action"
            words = {
                "priority": change.priority_id,
                "old": statuses[change.old.status] if change.old else "–",
                "new": statuses[change.report.status],
            }
        elif isinstance(change, NarrativeChange):
            key, words = (
                "intake_actions.cli.change_narrative",
                {"action_line": change.action_line_id},
            )
        else:
            key = "intake.cli.change"
            words = {
                "indicator": change.indicator_id,
                "old": _number(change.old_value),
                "new": _number(change.value),
            }
        kind = t(f"intake.kind.{change.kind}", lang)
        lines.append(t(key, lang, kind=kind, part=change.part_id, period=change.period, **words))
    return lines


def _report_import(result: ImportResult, lang: str) -> int:
    """Accepted: a summary, the counts per kind of row and one line per change on stdout.
    Rejected: a summary and one problem a line (sheet, row, column) on stderr."""
    from ui.intake_text import problem_text, row_kinds_summary

    if not result.accepted:
        key = "intake.cli.rejected_dry_run" if result.dry_run else "intake.cli.rejected"
        lines = [t(key, lang, file=result.file_name, count=result.problem_total)]
        lines += [problem_text(problem, lang) for problem in result.problems]
        _say(*lines, err=True)
        return EXIT_REJECTED
    key = "intake.cli.dry_run" if result.dry_run else "intake.cli.accepted"
    lines = [
        t(
            key,
            lang,
            file=result.file_name,
            import_id=result.import_id,
            skipped=result.rows_skipped,
            **result.counts,
        ),
        t("intake.cli.by_kind", lang, summary=row_kinds_summary(result.counts_by_row_kind, lang)),
        *_change_lines(result, lang),
    ]
    _say(*lines)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from data.intake import import_file

    lang = args.lang
    path = database_path()
    if not path.exists():
        _say(t("intake.cli.no_database", lang, path=path), err=True)
        return EXIT_USAGE
    source = Path(args.file)
    try:
        with _told_while_waiting(lang):
            result = import_file(
                source, db_path=path, actor=_actor(), clock=_now(), dry_run=args.dry_run
            )
    except OSError as error:
        _say(
            t("intake.cli.unreadable", lang, file=source, reason=error.strerror or error), err=True
        )
        return EXIT_USAGE
    except StoreError as error:
        return _store_failed(error, lang)
    return _report_import(result, lang)


def _error(command: str, message: str) -> None:
    _say(f"cli.py {command}: error: {message}", err=True)


def cmd_export(args: argparse.Namespace) -> int:
    from ui.labels import export_status_labels, untranslated_mark

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
    except StoreError as error:
        return _store_failed(error, args.lang)
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
    except BrokenPipeError:
        _discard(sys.stdout)  # the reader took what it wanted (| head): its choice, not an error
        return EXIT_OK
    except OSError as error:
        target = args.out if args.out is not None else "standard output"
        _error("export", f"cannot write {target}: {error.strerror or error}")
        return EXIT_USAGE
    finally:
        con.close()
    vintage_text = result.vintage.isoformat() if result.vintage else "none (no observations)"
    _say(f"exported {result.rows} rows to {args.out} (vintage {vintage_text})")
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


def cmd_report(args: argparse.Namespace) -> int:
    """The report to ``--out`` (a file, or a folder for the report's own name) or stdout."""
    from report import images as report_images
    from report.document import ReportError, ReportRequest, write_report

    lang, path = args.lang, database_path()
    try:
        vintage = export.parse_vintage(args.vintage) if args.vintage is not None else None
    except export.ExportError:
        _say(t("report_cli.bad_vintage", lang, vintage=args.vintage), err=True)
        return EXIT_USAGE
    if not path.exists():
        _say(t("intake.cli.no_database", lang, path=path), err=True)
        return EXIT_USAGE
    request = ReportRequest(args.quarter, args.part, lang, vintage, args.format)
    try:
        with contextlib.closing(open_reader(path)) as con:
            made = write_report(con, request, browser=report_images.find_chromium())
    except ReportError as error:
        _say(t(f"report.error.{error.code}", lang, **error.params), err=True)
        return EXIT_USAGE
    except StoreError as error:
        return _store_failed(error, lang)
    if args.out is None:
        try:
            sys.stdout.buffer.write(made.data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            _discard(sys.stdout)  # the reader took what it wanted (| head -c): its choice
        return EXIT_OK
    target = args.out / made.file_name if args.out.is_dir() else args.out
    try:
        _write_atomically(target, made.data)
    except OSError as error:
        reason = error.strerror or error
        _say(t("report_cli.unwritable", lang, file=target, reason=reason), err=True)
        return EXIT_USAGE
    _say(t("report_cli.written", lang, file=target))
    return EXIT_OK


def _add_report(commands: argparse._SubParsersAction) -> None:
    reporting = commands.add_parser(
        "report",
        help="write the quarter's progress report (Word, HTML or PDF)",
        description="Write the quarter's progress report for the Kingdom or a part. Without "
        "--out it goes to standard output; --out DIR writes it there under its own name. "
        "Charts need Chromium (without it: tables); PDF needs it (apt-get install chromium).",
    )
    reporting.add_argument("--quarter", required=True, help="the quarter assessed, like 2026Q3")
    reporting.add_argument("--part", default="KINGDOM", metavar="ID", help="default: KINGDOM")
    _add_lang(reporting, "language of the report and the messages")
    reporting.add_argument(
        "--vintage",
        metavar="ISO-8601",
        help="what the database knew at this moment (UTC); default: its last change",
    )
    reporting.add_argument("--format", choices=REPORT_FORMATS, default="docx")
    reporting.add_argument("--out", type=Path, metavar="FILE", help="a file or a folder")
    reporting.set_defaults(handler=cmd_report)


def cmd_catalogue_export(args: argparse.Namespace) -> int:
    from data.catalogue_workbook import catalogue_csv_zip, catalogue_file_name, catalogue_workbook
    from ui.catalogue_labels import workbook_texts

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
    except StoreError as error:
        return _store_failed(error, args.lang)
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
    _say(f"catalogue written to {target}")
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
    from ui.catalogue_text import change_lines, warning_text
    from ui.catalogue_text import problem_text as catalogue_problem_text

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
        _say(*lines, *warnings, err=True)
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
    _say(*lines)
    if warnings:
        _say(*warnings, err=True)
    return EXIT_OK


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    from data.catalogue_intake import import_catalogue_file

    lang = args.lang
    path = database_path()
    if not path.exists():
        _say(t("catalogue_intake.cli.no_database", lang, path=path), err=True)
        return EXIT_USAGE
    source = Path(args.file)
    try:
        with _told_while_waiting(lang):
            result = import_catalogue_file(
                source, db_path=path, actor=_actor(), clock=_now(), dry_run=args.dry_run
            )
    except OSError as error:
        reason = error.strerror or error
        _say(t("catalogue_intake.cli.unreadable", lang, file=source, reason=reason), err=True)
        return EXIT_USAGE
    except StoreError as error:
        return _store_failed(error, lang)
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


def _access_changed(changes: tuple[AccessChange, ...], lang: str) -> int:
    """One line per role gained or lost on stdout; a notice when nothing changed."""
    if not changes:
        _say(t("access.cli.unchanged", lang))
    for change in changes:
        key = "access.cli.granted" if change.granted else "access.cli.revoked"
        role = t(f"access.role.{change.role}", lang)
        part = f" ({change.part_id})" if change.part_id else ""
        _say(t(key, lang, email=change.email, role=role, part=part))
    return EXIT_OK


def cmd_access(args: argparse.Namespace) -> int:
    from data.access import current_grants
    from data.access_store import AccessInputError, grant_role, revoke_role

    lang = args.lang
    path = database_path()
    if not path.exists():
        _say(t("intake.cli.no_database", lang, path=path), err=True)
        return EXIT_USAGE
    if args.access_command == "list":
        try:
            with open_reader(path) as con:
                grants = current_grants(con)
        except StoreError as error:
            return _store_failed(error, lang)
        if grants.empty:
            _say(t("access.cli.none", lang))
        for row in grants.itertuples(index=False):
            role = t(f"access.role.{row.role}", lang)
            part = f" ({row.part_id})" if isinstance(row.part_id, str) else ""
            _say(
                t("access.cli.line", lang, email=row.email, role=role, part=part)
                + t(
                    "access.cli.since",
                    lang,
                    at=f"{row.granted_at:%Y-%m-%d %H:%M}",
                    by=row.granted_by,
                )
            )
        return EXIT_OK
    change = grant_role if args.access_command == "grant" else revoke_role
    try:
        with _told_while_waiting(lang):
            changes = change(
                path,
                actor=_actor(),
                email=args.email,
                role=args.role,
                parts=args.parts,
                reason=args.reason,
                clock=_now(),
            )
    except AccessInputError as error:
        _say(t(f"access.error.{error.code}", lang, **error.params), err=True)
        return EXIT_USAGE
    except StoreError as error:
        return _store_failed(error, lang)
    return _access_changed(changes, lang)


def _add_access(commands: argparse._SubParsersAction) -> None:
    access = commands.add_parser(
        "access",
        help="who may do what on the dashboard when it signs users in (grant, revoke, list)",
        description="Roles per e-mail: viewer, coordinator (per Kingdom part or entity, with "
        "everything under it), editor, admin. Every change is recorded with who and when. "
        "The CLI acts as a local admin.",
    )
    access_commands = access.add_subparsers(dest="access_command", required=True)
    for name, help_text in (
        ("grant", "give an e-mail a role (a coordinator's for each --part)"),
        ("revoke", "end an e-mail's roles: all, or --role's, or a coordinator's for --part"),
    ):
        sub = access_commands.add_parser(name, help=help_text)
        sub.add_argument("email", help="the user's e-mail, as the identity provider gives it")
        sub.add_argument("--role", required=name == "grant", help=f"one of: {', '.join(ROLES)}")
        _add_repeated_id(sub, "--part", "parts", "a Kingdom part or entity; repeat for more")
        sub.add_argument("--reason", help="why (kept with the change)")
        _add_lang(sub, "language of the messages")
        sub.set_defaults(handler=cmd_access)
    listing = access_commands.add_parser("list", help="the roles in force")
    _add_lang(listing, "language of the messages")
    listing.set_defaults(handler=cmd_access)


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
        "import",
        help="validate a quarter file (figures, action reports, duiding) and import it whole",
        description=(
            "Validate a quarter file and import it in one transaction: an .xlsx with sheets"
            " data (figures), acties/actions and duiding/narrative, or a CSV of one kind."
        ),
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
    _add_report(commands)
    _add_access(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    status = args.handler(args)
    _flush_output()
    return status


if __name__ == "__main__":
    sys.exit(main())
