"""The `ce-tui` command line: open the app, or `status`, `import`, `export`, `doctor`, `plan`.

Textual is imported only when the app opens, so `ce-tui status` stays quick.
Exit codes of `status` follow monitoring plugins: 0 well, 1 attention, 2
critical, 3 unknown (the store could not be read or the arguments are wrong).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ce_tui import clock
from ce_tui.domain.collector import collector_paused

if TYPE_CHECKING:
    from ce_tui.domain.evaluation import Evaluation
    from ce_tui.domain.models import Ledger
    from ce_tui.services import Services

EXIT_UNKNOWN = 3
"""Exit status when the store cannot be read or the arguments are wrong."""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 3 (unknown), as monitoring plugins do."""

    def error(self, message: str) -> NoReturn:
        """Print usage and the error, exit 3."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNKNOWN, f"{self.prog}: error: {message}\n")


def _day(text: str) -> date:
    """Parse `YYYY-MM-DD` for argparse."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


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
    from ce_tui import __version__

    parser = _Parser(
        prog="ce-tui",
        description="Track Cisco certifications on their way to recertification. "
        "With no command, opens the terminal app. The options below are also "
        "accepted after the command.",
    )
    parser.add_argument("--version", action="version", version=f"ce-tui {__version__}")
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
    imp = sub.add_parser("import", help="read a ce-tui/1 document into the store")
    imp.add_argument("file", type=Path, help="the document ('-' for standard input)")
    imp.add_argument("--replace", action="store_true", help="replace everything instead of merging")
    exp = sub.add_parser("export", help="write the whole store as a ce-tui/1 document")
    exp.add_argument("file", type=Path, nargs="?", help="where to write (default: standard output)")
    fmt = exp.add_mutually_exclusive_group()
    fmt.add_argument("--ics", action="store_true", help="write a calendar of deadlines instead")
    fmt.add_argument("--csv", action="store_true", help="write the claims transcript as CSV")
    doctor = sub.add_parser("doctor", help="check the store and list its backups")
    doctor.add_argument("--restore", type=Path, metavar="BACKUP", help="restore this backup")
    plan = sub.add_parser("plan", help="the cheapest way to recertify before expiry")
    plan.add_argument(
        "--cert",
        metavar="ID|NAME",
        help="certification, by id or name (any case; default: the target)",
    )
    plan.add_argument("--option", metavar="ID", help="option of its level (default: its path)")
    plan.add_argument("--by", choices=("price", "hours"), default="price", help="what to minimise")
    plan.add_argument(
        "--margin",
        type=int,
        default=30,
        metavar="DAYS",
        help="days before expiry kept for claim processing (default 30)",
    )
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    for command in (status, imp, exp, doctor, plan):
        _global_options(command, after_command=True)
    return parser


def _fail(message: str, code: int) -> int:
    """Print an error to standard error and return `code`."""
    print(f"ce-tui: {message}", file=sys.stderr)
    return code


def _services(args: argparse.Namespace) -> Services:
    """The services on the chosen store and rules (every command reads and writes through them)."""
    from ce_tui.domain.rules import default_rules, load_rules
    from ce_tui.services import Services
    from ce_tui.store import TinyDBStore, default_store_path

    rules = load_rules(args.rules) if args.rules else default_rules()
    return Services(TinyDBStore(args.db or default_store_path()), rules, clock.today())


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
        print(json.dumps(document, indent=2, ensure_ascii=False))
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
            f"{marker}{_safe(cert.name)} [{cert.level}] {state}, {when}, "
            f"{needs}, {_credits(cert.pending)} pending, path {_safe(cert.path)}"
        )
    for alert in evaluation.alerts:
        print(f"{alert.severity.upper()}: {_safe(alert.message)}")
    return evaluation.exit_code


def _safe(text: str) -> str:
    """Text for a terminal: control characters shown as '?', never sent raw."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _read_document(file: Path) -> object:
    """Read a JSON document from a file or standard input; ValueError when it is not JSON."""
    from ce_tui.domain.validation import decode_json

    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {file}: {exc.strerror or exc}") from exc
    return decode_json(raw, str(file))


def cmd_import(services: Services, file: Path, replace: bool) -> int:
    """Validate a whole document, then merge (or replace); exit 1 listing every problem."""
    from ce_tui.domain.validation import InvalidInput

    try:
        data = _read_document(file)
        if replace:
            from ce_tui.store.backups import make_backup

            if services.store.path.exists():
                make_backup(services.store.path)
        ledger = services.import_document(data, replace=replace)
    except InvalidInput as exc:
        print(f"ce-tui: {file}: not imported; nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {_safe(problem)}", file=sys.stderr)
        return 1
    except ValueError as exc:
        return _fail(f"not imported; nothing was changed: {_safe(str(exc))}", 1)
    print(f"Imported {file}: the store now holds {_ledger_counts(ledger)}.")
    return 0


def _ledger_counts(ledger: Ledger) -> str:
    """'1 certification, 0 exams, 3 claims, 0 activities of your own'."""
    return ", ".join(
        _count(len(records), word)
        for records, word in (
            (ledger.certifications, "certification"),
            (ledger.exams, "exam"),
            (ledger.claims, "claim"),
            (ledger.catalog, "activity of your own"),
        )
    )


def _count(n: int, word: str) -> str:
    """'1 claim', '3 claims', '2 activities of your own'."""
    if n == 1:
        return f"1 {word}"
    head, _, tail = word.partition(" ")
    plural = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{n} {plural} {tail}".rstrip()


def _write_text(file: Path | None, text: str) -> None:
    """Write `text` to `file` atomically, or to standard output."""
    if file is None or str(file) == "-":
        sys.stdout.write(text)
        return
    from ce_tui.exports import write_file

    write_file(file, text)


def cmd_export(services: Services, file: Path | None, ics: bool, csv: bool) -> int:
    """Write the store as a document, a calendar or a CSV transcript."""
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
        text = json.dumps(services.export_document(), indent=2, ensure_ascii=False) + "\n"
    try:
        _write_text(file, text)
    except OSError as exc:
        return _fail(f"cannot write {file}: {exc.strerror or exc}", 1)
    if file is not None and str(file) != "-":
        print(f"Wrote {_safe(str(file))}: {_export_counts(services, ics, csv, text)}.")
    return 0


def _export_counts(services: Services, ics: bool, csv: bool, text: str) -> str:
    """What an export wrote, counted: calendar events, claims, or every kind of record."""
    if ics:
        return _count(text.count("BEGIN:VEVENT"), "event")
    ledger = services.load()
    if csv:
        return _count(len(ledger.claims), "claim")
    return _ledger_counts(ledger)


def cmd_doctor(services: Services, restore: Path | None) -> int:
    """Check the store, list backups, or restore one."""
    from ce_tui.store.backups import check_store, list_backups, restore_backup

    path = services.store.path
    if restore is not None:
        restore_backup(path, restore)
        print(f"Restored {restore} to {path}.")
    print(f"Store: {path}")
    problems = check_store(path) if path.exists() else []
    if not path.exists():
        print("  not created yet (it is created on the first save)")
    elif problems:
        for problem in problems:
            print(f"  PROBLEM: {_safe(problem)}")
    else:
        print("  OK: valid JSON, known schema, every record valid, private permissions")
    backups = list_backups(path)
    print(f"Backups ({len(backups)}):" if backups else "Backups: none yet")
    for backup in backups:
        print(f"  {backup}")
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
    if args.option:
        plans = [
            plan(ledger, services.rules, today, catalog, cert_id, args.option, args.by, args.margin)
        ]
    else:
        plans = compare_options(
            ledger, services.rules, today, catalog, cert_id, args.by, args.margin
        )
    if args.json:
        from ce_tui.domain.schema import jsonable

        print(json.dumps(jsonable(plans), indent=2, ensure_ascii=False))
        return 0
    from ce_tui.plan_text import format_plans

    print(format_plans(plans, evaluation.cert(cert_id)))
    return 0


def run_app(args: argparse.Namespace) -> int:
    """Open the terminal app on the chosen store (with --demo: the demo's temporary one)."""
    return _open(_services(args), demo=args.demo)


def _with_demo_store(args: argparse.Namespace) -> int:
    """Run `args` on a temporary store holding the demo profile; the user's file is untouched."""
    import tempfile

    from ce_tui.demo import demo_store

    with tempfile.TemporaryDirectory(prefix="ce-tui-demo-") as folder:
        args.db = demo_store(Path(folder) / "demo.json", clock.today()).path
        return _run_once(args)


def _open(services: Services, demo: bool) -> int:
    """Run the Textual app until it quits."""
    from ce_tui.store.base import StoreError

    try:
        with collector_paused():
            services.load()
    except StoreError as exc:
        return _fail(str(exc), EXIT_UNKNOWN)
    from ce_tui.tui.app import CeApp

    app = CeApp(services, clock.today(), demo=demo)
    # What exists by now (Textual's and our modules, the ledger just read, the
    # rules) lives as long as the process: leave it out of the cycle
    # collector's full passes, which would otherwise walk every record of a
    # large store again while the first screen is being drawn.
    gc.freeze()
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `ce-tui` command (`argv`: the process's own arguments when None)."""
    args = build_parser().parse_args(argv)
    if args.today is not None:
        clock.set_today(args.today)
    try:
        if args.demo:
            return _with_demo_store(args)
        return _run_once(args)
    except BrokenPipeError:
        # The reader went away (`ce-tui status | head`): stop quietly.
        sys.stderr.close()
        return 0
    finally:
        if argv is None:
            # The process exits next: spare its final collection a walk over
            # every object still alive (the modules), which it would free anyway.
            gc.freeze()


def _run_once(args: argparse.Namespace) -> int:
    """Run `args`; a one-shot command runs without the cycle collector."""
    if args.command is None:
        return _run(args)
    # A command runs once and exits: the cycle collector would only walk the
    # freshly imported modules and the loaded records again and again (a tenth
    # of `status`), to free next to nothing.
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Open the app or run the command of `args`; the exit status."""
    from ce_tui.store.base import StoreError

    try:
        if args.command is None:
            return run_app(args)
        services = _services(args)
        if args.command == "status":
            return cmd_status(services, args.json)
        if args.command == "import":
            return cmd_import(services, args.file, args.replace)
        if args.command == "export":
            return cmd_export(services, args.file, args.ics, args.csv)
        if args.command == "doctor":
            return cmd_doctor(services, args.restore)
        if args.command == "plan":
            return cmd_plan(services, args)
    except StoreError as exc:
        return _fail(str(exc), EXIT_UNKNOWN if args.command in ("status", None) else 1)
    except ValueError as exc:
        return _fail(_safe(str(exc)), EXIT_UNKNOWN)
    except KeyboardInterrupt:
        return 130
    return _fail(f"unknown command {args.command!r}", EXIT_UNKNOWN)
