"""The `ce-tui` command line: open the app, or `status`, `import`, `export`, `doctor`, `plan`.

Textual is imported only when the app opens, so `ce-tui status` stays quick.
Exit codes of `status` follow monitoring plugins: 0 well, 1 attention, 2
critical, 3 unknown (the store could not be read or the arguments are wrong).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ce_tui import clock
from ce_tui.domain.collector import collector_paused
from ce_tui.domain.text import safe, safe_json, safe_lines

if TYPE_CHECKING:
    from ce_tui.domain.evaluation import Evaluation
    from ce_tui.domain.rules import Rules
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


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(
        prog="ce-tui",
        description="Track Cisco certifications on their way to recertification. "
        "With no command, opens the terminal app.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the store file (default: $CE_TUI_DB, else ce-tui.json in the user data folder)",
    )
    parser.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="evaluate as of this date")
    parser.add_argument("--rules", type=Path, metavar="FILE", help="another rules file")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a sample profile in a temporary store (the app or any command; your file is "
        "never touched)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    status = sub.add_parser("status", help="one line per certification, then the alerts")
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
    plan = sub.add_parser(
        "plan",
        help="the cheapest way to recertify before expiry",
        epilog="Exit status: 0 a plan fits before the deadline; 1 nothing can be planned in "
        "time (the reason and the shortfall are printed); 3 an unknown certification or option.",
    )
    plan.add_argument("--cert", metavar="ID", help="certification (default: the target)")
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
    return parser


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
    return Services(TinyDBStore(args.db or default_store_path(), rules=rules), rules)


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

    evaluation = _evaluate(services)
    if as_json:
        from ce_tui.domain.schema import jsonable

        print(safe_json(jsonable(evaluation)))
        return evaluation.exit_code
    if not evaluation.certifications:
        print("No certifications recorded yet. Add them in the app (ce-tui) or with ce-tui import.")
    for cert in evaluation.certifications:
        state = "RETIRED " + cert.state if cert.retired else cert.state
        marker = "*" if cert.id == evaluation.target else " "
        if cert.state == "expired":
            when = f"expired {cert.expires.isoformat()} ({days_text(-cert.days_left)} ago)"
        else:
            when = f"expires {cert.expires.isoformat()} ({days_text(cert.days_left)} left)"
        needs = f"{_credits(cert.approved)}/{cert.required} CE"
        if cert.exams_missing:
            needs += f" +{cert.exams_missing} exam"
        print(
            f"{marker}{safe(cert.name)} [{cert.level}] {state.upper()}, {when}, "
            f"{needs}, {_credits(cert.pending)} pending, path {safe(cert.path)}"
        )
    for alert in evaluation.alerts:
        print(f"{alert.severity.upper()}: {safe(alert.message)}")
    return evaluation.exit_code


def _read_document(file: Path) -> object:
    """Read a JSON document from a file or standard input; ValueError when it is not JSON."""
    from ce_tui.domain.jsondoc import load_json
    from ce_tui.store.base import StoreError
    from ce_tui.store.files import MAX_BYTES, read_bytes

    try:
        found = (
            sys.stdin.buffer.read(MAX_BYTES + 1)
            if str(file) == "-"
            else read_bytes(file, "a document")
        )
    except (OSError, StoreError) as exc:
        raise ValueError(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}") from None
    if found is None:
        raise ValueError(f"{file} does not exist")
    if len(found) > MAX_BYTES:
        raise ValueError(f"{file} is more than the {MAX_BYTES // 2**20} MiB ce-tui reads")
    return load_json(found, str(file))


def cmd_import(services: Services, file: Path, replace: bool) -> int:
    """Validate a whole document, then merge (or replace); exit 1 listing every problem."""
    from ce_tui.domain.validation import InvalidInput

    try:
        data = _read_document(file)
        ledger, done = services.import_document(data, replace=replace)
    except InvalidInput as exc:
        print(f"ce-tui: {file}: not imported; nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {safe(problem)}", file=sys.stderr)
        return 1
    except ValueError as exc:
        return _fail(f"not imported; nothing was changed: {safe(str(exc))}", 1)
    counts = ", ".join(
        _count(len(records), word)
        for records, word in (
            (ledger.certifications, "certification"),
            (ledger.exams, "exam"),
            (ledger.claims, "claim"),
            (ledger.catalog, "activity of your own"),
        )
    )
    print(f"Imported {safe(file)}: {done.text()}; the store now holds {counts}.")
    return 0


def _count(n: int, word: str) -> str:
    """'1 claim', '3 claims', '2 activities of your own'."""
    if n == 1:
        return f"1 {word}"
    head, _, tail = word.partition(" ")
    plural = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{n} {plural} {tail}".rstrip()


def _write_text(file: Path | None, text: str) -> None:
    """Write `text` to `file` atomically, or to standard output.

    A symbolic link is followed: its target is written (as ``cp`` does), the
    link stays. A target that exists and is not a regular file (a folder,
    device, FIFO or socket) is refused with StoreError; nothing is replaced.
    """
    if file is None or str(file) == "-":
        sys.stdout.write(text)
        return
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
    write_atomic(target, text.encode("utf-8"))


def cmd_export(services: Services, file: Path | None, ics: bool, csv: bool) -> int:
    """Write the store as a document, a calendar or a CSV transcript."""
    if file is not None and str(file) != "-" and _same_file(file, services.store.path):
        return _fail(f"cannot write {safe(file)}: it is the store itself; nothing was written", 1)
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
        return _fail(f"cannot write {safe(file)}: {exc.strerror or exc}", 1)
    return 0


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
    backups = list_backups(path)
    print(f"Backups ({len(backups)}):" if backups else "Backups: none yet")
    for backup in backups:
        print(f"  {safe(backup)}")
    return 1 if problems else 0


def cmd_plan(services: Services, args: argparse.Namespace) -> int:
    """Print the cheapest plan (or a comparison of options) without opening the app."""
    from ce_tui.domain.catalog import full_catalog
    from ce_tui.domain.planner import compare_options, plan

    ledger = services.load()
    today = clock.today()
    evaluation = _evaluate(services)
    cert_id = args.cert or evaluation.target
    if cert_id is None or evaluation.cert(cert_id) is None:
        return _fail(
            f"no certification {cert_id!r}" if cert_id else "no active certification to plan for",
            EXIT_UNKNOWN,
        )
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
        return _run_once(args)


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
        with collector_paused():
            services.load()
    except StoreError as exc:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return _fail(safe_lines(exc), EXIT_UNKNOWN)
        from ce_tui.tui.problem import StoreProblemApp

        problem = StoreProblemApp(safe_lines(exc))
        problem.run()
        return problem.return_code or EXIT_UNKNOWN
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
        code = _with_demo_store(args) if args.demo else _run_once(args)
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
    finally:
        if argv is None:
            # The process exits next: spare its final collection a walk over
            # every object still alive (the modules), which it would free anyway.
            gc.freeze()


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the exit's own flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


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
        if args.command in ("status", "plan", "export"):
            _require_store(services)
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
        return _fail(safe_lines(exc), EXIT_UNKNOWN)
    except ValueError as exc:
        return _fail(safe(str(exc)), EXIT_UNKNOWN)
    except KeyboardInterrupt:
        return 130
    return _fail(f"unknown command {args.command!r}", EXIT_UNKNOWN)
