"""The `ce-tui` command line: open the app, or `status`, `import`, `export`, `doctor`, `plan`.

Textual is imported only when the app opens, so `ce-tui status` stays quick.
Exit codes of `status` follow monitoring plugins: 0 well, 1 attention, 2
critical, 3 unknown (the store could not be read or the arguments are wrong).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ce_tui import clock
from ce_tui.domain.text import counted, safe, safe_json, safe_lines

if TYPE_CHECKING:
    from ce_tui.domain.changes import ImportCounts
    from ce_tui.domain.evaluation import Evaluation
    from ce_tui.domain.models import Ledger
    from ce_tui.domain.rules import Rules
    from ce_tui.services import Services

EXIT_UNKNOWN = 3
"""Exit status when the store cannot be read or the arguments are wrong."""


def _help_width() -> int:
    """The width help is laid out to, found as argparse finds it: the COLUMNS variable,
    else the terminal's width, else 80; less 2.

    Left to itself, argparse asks shutil for it each time an option is added;
    asking here keeps shutil, and the compression modules it imports, out of
    every run that prints no help (2-3 ms of a 10,000-claim ``ce-tui status``).
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 3 (unknown), as monitoring plugins do."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A parser whose help is laid out to :func:`_help_width`."""
        layout = kwargs.get("formatter_class", argparse.HelpFormatter)
        kwargs["formatter_class"] = functools.partial(layout, width=_help_width())
        super().__init__(*args, **kwargs)

    def print_help(self, file: Any = None) -> None:
        """Write the help; a failed write raises (argparse would ignore it and exit 0)."""
        (file or sys.stdout).write(self.format_help())

    def error(self, message: str) -> NoReturn:
        """Print usage and the error, exit 3."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNKNOWN, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """--version: print it and exit 0 (a failed write raises, as for --help)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        """Print the version and leave."""
        from ce_tui import __version__

        sys.stdout.write(f"ce-tui {__version__}\n")
        parser.exit()


def _day(text: str) -> date:
    """Parse `YYYY-MM-DD` inside the accepted range of dates, for argparse."""
    from ce_tui.domain.models import range_problem

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{safe(text)!r} is not a date (YYYY-MM-DD)") from None
    problem = range_problem(day)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return day


MAX_MARGIN = 3650
"""Largest `plan --margin` in days (ten years)."""


def _margin(text: str) -> int:
    """Parse a margin of 0 to MAX_MARGIN days, for argparse."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{safe(text)!r} is not a whole number") from None
    if not 0 <= days <= MAX_MARGIN:
        raise argparse.ArgumentTypeError(f"{days} is not from 0 to {MAX_MARGIN} days")
    return days


def _hours(text: str) -> float:
    """Parse hours a day (more than 0, at most 24) for argparse."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 24:
        raise argparse.ArgumentTypeError(
            f"{safe(text)!r} is not a number of hours above 0 and up to 24"
        )
    return value


STATUS_HELP = """\
Each line: a certification, [its level], its state as the app shows it, its
expiry, CE credits approved/required in the current cycle, credits pending,
and its path. States: ACTIVE; EXPIRING (expires within 90 days); EXPIRED;
RETIRED (never recertifies; active or expired in brackets); UPCOMING (earned
after today). A leading * marks the target: the highest-level active
certification, the one credits are presented as working toward.
Then the alerts, most urgent first (CRITICAL, WARNING, INFO).

exit codes:
  0  all well
  1  attention: a certification (not retired) expires within 90 days with its
     path unmet, or a draft claim's window closes within 30 days
  2  critical: one expired within the last 365 days, or expires within 30
     days with its path unmet
  3  the store cannot be read, or the arguments are wrong
"""
"""The epilog of `status --help`: the legend of its lines and its exit codes."""


def _global_options(parser: argparse.ArgumentParser, after_command: bool) -> None:
    """--db, --today, --rules and --demo on `parser`.

    They are accepted before the command and again after it: after it, an
    option left out keeps what was given before (its default is suppressed).
    """
    keep = {"default": argparse.SUPPRESS} if after_command else {}
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the store file (default: $CE_TUI_DB, else ce-tui.json in the user data folder)",
        **keep,  # type: ignore[arg-type]
    )
    parser.add_argument(
        "--today",
        type=_day,
        metavar="YYYY-MM-DD",
        help="evaluate as of this date",
        **keep,  # type: ignore[arg-type]
    )
    parser.add_argument(
        "--rules",
        type=Path,
        metavar="FILE",
        help="another rules file",
        **keep,  # type: ignore[arg-type]
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a sample profile in a temporary store (the app or any command; your file is "
        "never touched)",
        **keep,  # type: ignore[arg-type]
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(
        prog="ce-tui",
        description="Track Cisco certifications on their way to recertification. "
        "With no command, opens the terminal app. The options below are also "
        "accepted after the command.",
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show program's version number and exit"
    )
    _global_options(parser, after_command=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    status = sub.add_parser(
        "status",
        help="one line per certification, then the alerts",
        description="One line per certification, then the alerts.",
        epilog=STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    status.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    imp = sub.add_parser("import", help="read a ce-tui/1 document (or a CSV sheet) into the store")
    imp.add_argument("file", type=Path, nargs="?", help="the document ('-' for standard input)")
    imp.add_argument("--replace", action="store_true", help="replace everything instead of merging")
    _csv_options(imp)
    exp = sub.add_parser("export", help="write the whole store as a ce-tui/1 document")
    exp.add_argument("file", type=Path, nargs="?", help="where to write (default: standard output)")
    fmt = exp.add_mutually_exclusive_group()
    fmt.add_argument("--ics", action="store_true", help="write a calendar of deadlines instead")
    fmt.add_argument("--csv", action="store_true", help="write the claims transcript as CSV")
    fmt.add_argument(
        "--audit",
        action="store_true",
        help="write a zip archive of the claims transcript and every evidence file",
    )
    exp.add_argument(
        "--force",
        action="store_true",
        help="with --audit: write the archive even when an evidence file changed or is missing",
    )
    doctor = sub.add_parser("doctor", help="check the store and list its backups")
    doctor.add_argument("--restore", type=Path, metavar="BACKUP", help="restore this backup")
    plan = sub.add_parser(
        "plan",
        help="the cheapest way to recertify before expiry",
        epilog="Exit status: 0 a plan fits before the deadline; 1 nothing can be planned in "
        "time (the reason and the shortfall are printed); 3 an unknown certification or option.",
    )
    plan.add_argument(
        "--cert",
        metavar="ID|NAME",
        help="certification, by id or name (any case; default: the target)",
    )
    plan.add_argument("--option", metavar="ID", help="option of its level (default: its path)")
    plan.add_argument("--by", choices=("price", "hours"), default="price", help="what to minimise")
    plan.add_argument(
        "--margin",
        type=_margin,
        default=30,
        metavar="DAYS",
        help="days before expiry kept for claim processing (default 30): study ends then",
    )
    plan.add_argument(
        "--hours-per-day",
        type=_hours,
        default=2.0,
        metavar="H",
        help="hours a day for on-demand study and exam preparation (default 2: an evening "
        "beside a full-time job; class sessions take whole days)",
    )
    plan.add_argument(
        "--approved-only",
        action="store_true",
        help="count approved credits alone (default: pending claims and drafts that can "
        "still be submitted in time count as expected)",
    )
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    for command in (status, imp, exp, doctor, plan):
        _global_options(command, after_command=True)
    return parser


def _csv_options(imp: argparse.ArgumentParser) -> None:
    """The options of `import --csv`."""
    imp.add_argument("--csv", type=Path, metavar="FILE", help="import a spreadsheet's CSV export")
    imp.add_argument(
        "--kind",
        choices=("claims", "certifications", "exams", "catalog"),
        default="claims",
        help="with --csv: what each row is (default: claims)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="with --csv: read the column COLUMN as FIELD (repeatable)",
    )
    imp.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="with --csv: how dates are written, e.g. %%d/%%m/%%Y (default: YYYY-MM-DD)",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="with --csv: show what would be added, updated and left unchanged; write nothing",
    )


def _fail(message: str, code: int) -> int:
    """Print an error to standard error and return `code`."""
    print(f"ce-tui: {message}", file=sys.stderr)
    return code


def _services(args: argparse.Namespace) -> Services:
    """The services on the chosen store and rules (every command reads and writes through them)."""
    from ce_tui.domain.rules import default_rules
    from ce_tui.services import Services
    from ce_tui.store import TinyDBStore, default_store_path

    rules = _read_rules(args.rules) if args.rules else default_rules()
    store = TinyDBStore(args.db or default_store_path(), rules=rules)
    return Services(store, rules, clock.today())


def _read_rules(path: Path) -> Rules:
    """The rules of a user's file (regular, at most the size limit); ValueError if refused."""
    from ce_tui.domain.rules import parse_rules
    from ce_tui.store.base import StoreError
    from ce_tui.store.files import read_bytes

    try:
        data = read_bytes(path, "a rules file")
    except StoreError as exc:
        raise ValueError(f"rules file: {exc}") from None
    if data is None:
        raise ValueError(f"rules file {path} does not exist")
    return parse_rules(data, str(path))


def _require_store(services: Services) -> None:
    """StoreError when the store file does not exist (read commands never create one)."""
    from ce_tui.store.base import StoreError

    path = services.store.path
    if not path.exists() and not path.is_symlink():
        raise StoreError(
            f"no store at {path}; create it with the app (ce-tui) or ce-tui import FILE"
        )


def _evaluate(services: Services) -> Evaluation:
    """Evaluate the store's ledger as of the evaluation day."""
    from ce_tui.domain.engine import evaluate

    return evaluate(services.load(), services.rules, clock.today())


def _credits(value: Any) -> str:
    """Credits as a person writes them."""
    from ce_tui.domain.alerts import credits_text

    return credits_text(value)


def cmd_status(services: Services, as_json: bool) -> int:
    """Print the status; exit 0/1/2 by the alerts."""
    from ce_tui.domain.alerts import days_text

    if as_json:
        from ce_tui.domain.counting import claim_notes
        from ce_tui.domain.engine import evaluate
        from ce_tui.domain.schema import jsonable

        ledger = services.load()
        evaluation = evaluate(ledger, services.rules, clock.today())
        document = jsonable(evaluation) | {"claims": jsonable(claim_notes(ledger, evaluation))}
        print(safe_json(document))
        return evaluation.exit_code
    evaluation = _evaluate(services)
    if not evaluation.certifications:
        print("No certifications recorded yet. Add them in the app (ce-tui) or with ce-tui import.")
    for cert in evaluation.certifications:
        state = f"{cert.badge} ({cert.state})" if cert.badge == "RETIRED" else cert.badge
        marker = "*" if cert.id == evaluation.target else " "
        if cert.state == "expired":
            when = f"expired {cert.expires.isoformat()} ({days_text(-cert.days_left)} ago)"
        else:
            when = f"expires {cert.expires.isoformat()} ({days_text(cert.days_left)} left)"
        needs = f"{_credits(cert.approved)}/{cert.required} CE"
        if cert.exams_missing:
            needs += f" +{cert.exams_missing} exam"
        print(
            f"{marker}{safe(cert.name)} [{cert.level}] {state}, {when}, "
            f"{needs}, {_credits(cert.pending)} pending, path {safe(cert.path)}"
        )
    for alert in evaluation.alerts:
        print(f"{alert.severity.upper()}: {safe(alert.message)}")
    return evaluation.exit_code


def _read_document(file: Path) -> object:
    """Read a JSON document from a file or standard input; ValueError when it is not JSON."""
    from ce_tui.domain.jsondoc import load_json
    from ce_tui.store.base import StoreError
    from ce_tui.store.files import read_input

    try:
        found = read_input(file, "a document")
    except StoreError as exc:
        raise ValueError(str(exc)) from None
    return load_json(found, str(file))


def _refused(file: str, problems: list[str]) -> int:
    """Report an import refused with every problem (nothing was changed); exit status 1."""
    print(f"ce-tui: {safe(file)}: not imported; nothing was changed:", file=sys.stderr)
    for problem in problems:
        print(f"  - {safe(problem)}", file=sys.stderr)
    return 1


def cmd_import(services: Services, file: Path, replace: bool) -> int:
    """Validate a whole document, then merge (or replace); exit 1 listing every problem."""
    from ce_tui.domain.validation import InvalidInput

    try:
        data = _read_document(file)
        change, done = services.import_document(data, replace=replace)
    except InvalidInput as exc:
        return _refused(str(file), exc.problems)
    except ValueError as exc:
        return _fail(f"not imported; nothing was changed: {safe(str(exc))}", 1)
    _report_import(str(file), change.ledger, done)
    return 0


def _report_import(what: str, ledger: Ledger, done: ImportCounts) -> None:
    """Print what an import did and what the store now holds."""
    print(f"Imported {safe(what)}: {done.text()}; the store now holds {_ledger_counts(ledger)}.")


def _ledger_counts(ledger: Ledger) -> str:
    """'1 certification, 0 exams, 3 claims, 0 activities of your own'."""
    return ", ".join(
        counted(len(records), word)
        for records, word in (
            (ledger.certifications, "certification"),
            (ledger.exams, "exam"),
            (ledger.claims, "claim"),
            (ledger.catalog, "activity of your own"),
        )
    )


def cmd_import_csv(services: Services, args: argparse.Namespace) -> int:
    """Import a CSV sheet (all or nothing); exit 1 listing every bad row and column."""
    from ce_tui.domain.validation import InvalidInput

    file: Path = args.csv
    try:
        if args.file is not None or args.replace:
            raise ValueError("--csv takes no document and no --replace")
        mapping = dict(_map_option(item) for item in args.map)
        sheet = services.read_sheet_file(file, args.kind, mapping, args.date_format)
        change, done = services.import_sheet(sheet, dry_run=args.dry_run)
    except InvalidInput as exc:
        return _refused(str(file), exc.problems)
    except ValueError as exc:
        return _fail(f"not imported; nothing was changed: {safe(str(exc))}", 1)
    if sheet.ignored:
        print(f"Ignored columns: {', '.join(safe(name) for name in sheet.ignored)}")
    read = f"{counted(len(sheet.records), 'row')} of {args.kind}, {sheet.separated}"
    if not args.dry_run:
        _report_import(f"{file} ({read})", change.ledger, done)
        return 0
    print(f"Dry run, nothing written: {safe(file)} ({read}) would give {done.text()}.")
    from ce_tui.domain.validation import KINDS

    name_field = KINDS[args.kind][2]
    names = {r["id"]: str(r.get(name_field, "")) for r in sheet.records}
    for word, ids in (("add", done.added_ids), ("update", done.updated_ids)):
        for record_id in ids:
            print(f"  {word} {safe(record_id)}: {safe(names.get(record_id, ''))}")
    return 0


def _map_option(item: str) -> tuple[str, str]:
    """`COLUMN=FIELD` of --map; ValueError when there is no `=`."""
    column, sep, field = item.rpartition("=")
    if not sep or not column.strip() or not field.strip():
        raise ValueError(f"--map {item!r}: write COLUMN=FIELD")
    return column.strip(), field.strip()


def _write_text(file: Path | None, text: str) -> None:
    """Write `text` to `file` atomically, or to standard output.

    A symbolic link is followed: its target is written (as ``cp`` does), the
    link stays. A target that exists and is not a regular file (a folder,
    device, FIFO or socket) is refused with StoreError; nothing is replaced.
    """
    if file is None or str(file) == "-":
        sys.stdout.write(text)
        return
    _write_file(file, text.encode("utf-8"))


def _write_file(file: Path, data: bytes) -> None:
    """Write `data` to `file` atomically, as :func:`_write_text` writes (links followed,
    anything but a regular file refused with StoreError)."""
    import stat

    from ce_tui.store.base import StoreError
    from ce_tui.store.files import write_atomic

    target = Path(os.path.realpath(file))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise StoreError(f"cannot write {file}: {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"cannot write {file}: it is not a regular file (a folder, device, FIFO or "
            "socket); nothing was written"
        )
    write_atomic(target, data)


def cmd_audit(services: Services, file: Path | None, force: bool) -> int:
    """Write the audit archive: the claims transcript and every evidence file, hashes checked."""
    from ce_tui import exports
    from ce_tui.evidence import audit_archive, check_all, evidence_problems, member_names
    from ce_tui.store.base import StoreError

    if file is None or str(file) == "-":
        return _fail("export --audit needs a FILE.zip to write", EXIT_UNKNOWN)
    ledger = services.load()
    checks = check_all(ledger)
    names = member_names(checks)
    transcript = exports.to_csv(ledger, services.rules, names)
    problems = evidence_problems(checks)
    for problem in problems:
        print(f"ce-tui: {safe(problem)}", file=sys.stderr)
    if problems and not force:
        return _fail(
            f"{safe(file)} not written: {counted(len(problems), 'problem with evidence')} "
            "(--force writes the archive anyway, listing them in problems.txt)",
            1,
        )
    try:
        _write_file(file, audit_archive(transcript, checks))
    except StoreError as exc:
        return _fail(safe(exc), 1)
    print(
        f"Wrote {safe(file)}: the transcript of {counted(len(ledger.claims), 'claim')} and "
        f"{counted(len(names), 'file of evidence')}, each checked against its SHA-256."
    )
    return 0


def cmd_export(
    services: Services,
    file: Path | None,
    ics: bool,
    csv: bool,
    audit: bool = False,
    force: bool = False,
) -> int:
    """Write the store as a document, a calendar, a CSV transcript or (`audit`) an archive."""
    if file is not None and str(file) != "-" and _same_file(file, services.store.path):
        return _fail(f"cannot write {safe(file)}: it is the store itself; nothing was written", 1)
    if audit:
        return cmd_audit(services, file, force)
    if ics or csv:
        from ce_tui import exports

        ledger = services.load()
        if ics:
            from ce_tui.domain.engine import evaluate

            evaluation = evaluate(ledger, services.rules, clock.today())
            text = exports.to_ics(evaluation, ledger, services.rules)
        else:
            text = exports.to_csv(ledger, services.rules)
    else:
        text = safe_json(services.export_document()) + "\n"
    from ce_tui.store.base import StoreError

    try:
        _write_text(file, text)
    except StoreError as exc:
        return _fail(safe(exc), 1)
    except OSError as exc:
        if file is None or str(file) == "-":
            raise  # standard output: told and exited as every command does (see `main`)
        return _fail(f"cannot write {safe(file)}: {exc.strerror or exc}", 1)
    if file is not None and str(file) != "-":
        print(f"Wrote {safe(file)}: {_export_counts(services, ics, csv, text)}.")
    return 0


def _export_counts(services: Services, ics: bool, csv: bool, text: str) -> str:
    """What an export wrote, counted: calendar events, claims, or every kind of record."""
    if ics:
        return counted(text.count("BEGIN:VEVENT"), "event")
    ledger = services.load()
    if csv:
        return counted(len(ledger.claims), "claim")
    return _ledger_counts(ledger)


def _same_file(one: Path, other: Path) -> bool:
    """True when `one` and `other` are (or would be) the same file, links followed."""
    return os.path.realpath(one) == os.path.realpath(other)


def cmd_doctor(services: Services, restore: Path | None) -> int:
    """Check the store, list backups, or restore one."""
    from ce_tui.store.backups import check_store, find_backup, list_backups, restore_backup

    path = services.store.path
    if restore is not None:
        source = find_backup(path, restore)
        restore_backup(path, source, rules=services.rules)
        print(f"Restored {safe(source)} to {safe(path)}.")
    print(f"Store: {safe(path)}")
    problems = check_store(path, services.rules) if path.exists() else []
    if not path.exists():
        print("  not created yet (it is created on the first save)")
    elif problems:
        for problem in problems:
            print(f"  PROBLEM: {safe(problem)}")
    else:
        print("  OK: valid JSON, known schema, every record valid, private permissions")
    if path.exists() and not problems:
        problems = _evidence_report(services)
    backups = list_backups(path)
    print(f"Backups ({len(backups)}):" if backups else "Backups: none yet")
    for backup in backups:
        print(f"  {safe(backup)}")
    return 1 if problems else 0


def find_cert(evaluation: Evaluation, wanted: str) -> str:
    """The id of the certification named `wanted`: by id, else by name, in any case.

    ValueError naming every known certification when none (or several) match.
    """
    certs = evaluation.certifications
    if any(c.id == wanted for c in certs):
        return wanted
    key = wanted.strip().casefold()
    found = [c for c in certs if key in (c.id.casefold(), c.name.casefold())]
    if len(found) == 1:
        return found[0].id
    known = ", ".join(f"{c.name} ({c.id})" for c in certs) or "none recorded yet"
    if found:
        return _raise(f"{wanted!r} names several certifications; give an id: {known}")
    return _raise(f"no certification {wanted!r}; known: {known}")


def _raise(message: str) -> NoReturn:
    """Raise ValueError(`message`): the caller prints it as one line and exits 3."""
    raise ValueError(message)


def _evidence_report(services: Services) -> list[str]:
    """Print what `doctor` found of the claims' evidence files; the problems."""
    from ce_tui.evidence import check_all, evidence_problems

    checks = check_all(services.load())
    problems = evidence_problems(checks)
    print(f"Evidence: {counted(len(checks), 'file')} attached", end="")
    print(", all present and unchanged" if checks and not problems else "")
    for problem in problems:
        print(f"  PROBLEM: {safe(problem)}")
    return problems


def cmd_plan(services: Services, args: argparse.Namespace) -> int:
    """Print the cheapest plan (or a comparison of options) without opening the app."""
    from ce_tui.domain.catalog import full_catalog
    from ce_tui.domain.planner import compare_options, plan

    ledger = services.load()
    today = clock.today()
    evaluation = _evaluate(services)
    cert_id = find_cert(evaluation, args.cert) if args.cert else evaluation.target
    if cert_id is None:
        return _fail("no active certification to plan for", EXIT_UNKNOWN)
    catalog = full_catalog(ledger)
    model = {"hours_per_day": args.hours_per_day, "approved_only": args.approved_only}
    if args.option:
        plans = [
            plan(
                ledger,
                services.rules,
                today,
                catalog,
                cert_id,
                args.option,
                args.by,
                args.margin,
                **model,
            )
        ]
    else:
        plans = compare_options(
            ledger, services.rules, today, catalog, cert_id, args.by, args.margin, **model
        )
    code = 0 if any(p.feasible for p in plans) else 1
    if args.json:
        from ce_tui.domain.schema import jsonable

        print(safe_json(jsonable(plans)))
        return code
    from ce_tui.plan_text import format_plans

    print(format_plans(plans, evaluation.cert(cert_id)))
    return code


def run_app(args: argparse.Namespace) -> int:
    """Open the terminal app on the chosen store (with --demo: the demo's temporary one)."""
    return _open(_services(args), demo=args.demo)


def _with_demo_store(args: argparse.Namespace) -> int:
    """Run `args` on a temporary store holding the demo profile; the user's file is untouched."""
    import tempfile

    from ce_tui.demo import demo_store

    with tempfile.TemporaryDirectory(prefix="ce-tui-demo-", ignore_cleanup_errors=True) as folder:
        _remove_on_signal(Path(folder))
        args.db = demo_store(Path(folder) / "demo.json", clock.today()).path
        return _run(args)


def _remove_on_signal(folder: Path) -> None:
    """On SIGHUP (terminal closed) or SIGTERM, delete `folder` and exit with 128 + the signal.

    Exiting (rather than dying of the signal) lets the app put the terminal back.
    """
    import shutil
    import signal

    def remove(signum: int, _frame: object) -> None:
        """Delete the demo's folder, then leave (the app restores the terminal)."""
        shutil.rmtree(folder, ignore_errors=True)
        raise SystemExit(128 + signum)

    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, remove)


def _open(services: Services, demo: bool) -> int:
    """Run the Textual app until it quits."""
    from ce_tui.store.base import StoreError

    try:
        opened = services.read()
    except StoreError as exc:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return _fail(safe_lines(exc), EXIT_UNKNOWN)
        from ce_tui.tui.problem import StoreProblemApp

        problem = StoreProblemApp(safe_lines(exc))
        problem.run()
        return problem.return_code or EXIT_UNKNOWN
    from ce_tui.tui.app import CeApp

    app = CeApp(services, clock.today(), demo=demo, opened=opened)
    # What exists by now (Textual's and our modules, the ledger just read, the
    # rules) lives as long as the process: leave it out of the cycle
    # collector's full passes, which would otherwise walk every record of a
    # large store again while the first screen is being drawn (measured in a
    # pseudo-terminal: 70-80 ms less CPU to the first frame, at 100 and at 10,000
    # claims).
    gc.freeze()
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `ce-tui` command (`argv`: the process's own arguments when None)."""
    try:
        args = build_parser().parse_args(argv)
    except OSError as exc:
        # --help or --version to an output that cannot be written (`> /dev/full`).
        _drop_stdout()
        return _fail(f"cannot write the output: {exc.strerror or exc}", EXIT_UNKNOWN)
    if args.today is not None:
        clock.set_today(args.today)
    try:
        code = _with_demo_store(args) if args.demo else _run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (`ce-tui status | head`): stop quietly.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # Standard output cannot be written (`ce-tui status > /dev/full`).
        _drop_stdout()
        return _fail(f"cannot write the output: {exc.strerror or exc}", EXIT_UNKNOWN)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the exit's own flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace) -> int:
    """Open the app or run the command of `args`; the exit status."""
    from ce_tui.store.base import StoreError

    try:
        if args.command is None:
            return run_app(args)
        services = _services(args)
        if args.command in ("status", "plan", "export"):
            _require_store(services)
        if args.command == "status":
            return cmd_status(services, args.json)
        if args.command == "import" and args.csv is not None:
            return cmd_import_csv(services, args)
        if args.command == "import":
            if args.dry_run or args.map or args.date_format or args.kind != "claims":
                return _fail(
                    "--kind, --map, --date-format and --dry-run go with --csv FILE", EXIT_UNKNOWN
                )
            if args.file is None:
                return _fail("import needs a document FILE or --csv FILE", EXIT_UNKNOWN)
            return cmd_import(services, args.file, args.replace)
        if args.command == "export" and args.force and not args.audit:
            return _fail("--force goes with --audit", EXIT_UNKNOWN)
        if args.command == "export":
            return cmd_export(services, args.file, args.ics, args.csv, args.audit, args.force)
        if args.command == "doctor":
            return cmd_doctor(services, args.restore)
        if args.command == "plan":
            return cmd_plan(services, args)
    except StoreError as exc:
        return _fail(safe_lines(exc), EXIT_UNKNOWN)
    except ValueError as exc:
        return _fail(safe(str(exc)), EXIT_UNKNOWN)
    except KeyboardInterrupt:
        return 130
    return _fail(f"unknown command {args.command!r}", EXIT_UNKNOWN)
