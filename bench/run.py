"""ce-tui benchmarks: one command, a table of medians against floors measured in the same run.

    .venv/bin/python bench/run.py [--runs N] [--keys N] [--keep DIR]

Builds stores of 100, 1,000 and 10,000 claims (with certifications, exams and
activities of the user's own) through the real `TinyDBStore`, then times each
measure `--runs` times (default 9, at least 5) after one warm-up. A measure
with a floor runs alternately with it, so both see the same load on a shared
machine; the ratio is the median of the measure over the median of the floor.
Commands are timed as a whole, from start to exit. The app is timed as a person
sees it: started as `ce-tui` in a pseudo-terminal of 120x40, until the first
certification's name is drawn, against the bare Textual app (`bench/bare_app.py`)
until its first row is drawn.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import platform
import pty
import resource
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import data  # noqa: E402

PY = sys.executable
BARE_APP = str(ROOT / "bench" / "bare_app.py")
SIZES = (100, 1_000, 10_000)
TERMINAL = (120, 40)
"""Columns and lines of the pseudo-terminal the apps run in."""
PROCESS_TIMEOUT = 60.0
"""Seconds one process may take before the benchmark gives up on it."""

ENV = dict(os.environ)
"""The environment of every timed process (see `main`)."""


class Timing(NamedTuple):
    """One timed run: wall-clock seconds, and CPU seconds of the code timed."""

    wall: float
    cpu: float


@dataclass
class Row:
    """One line of the result table."""

    measure: str
    median: float
    """Wall-clock seconds."""
    spread: tuple[float, float]
    """Lowest and highest wall-clock time, seconds."""
    cpu: float | None = None
    """Median CPU seconds (user and system): what the code cost, waiting for a core aside."""
    floor_name: str = ""
    floor: float | None = None
    floor_cpu: float | None = None
    target: str = ""
    limit: float | None = None
    """The largest ratio (with a floor) or time in seconds (without) that meets the target."""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """The measure's median over the floor's (wall clock)."""
        return None if self.floor is None else self.median / self.floor

    @property
    def cpu_ratio(self) -> float | None:
        """The same ratio in CPU time."""
        if self.cpu is None or not self.floor_cpu:
            return None
        return self.cpu / self.floor_cpu

    @property
    def verdict(self) -> str:
        """met, MISSED, or empty for an informative line (judged on wall-clock medians)."""
        if self.limit is None:
            return ""
        value = self.ratio if self.floor is not None else self.median
        assert value is not None
        return "met" if value <= self.limit else "MISSED"


# Machine -----------------------------------------------------------------------


def machine() -> list[str]:
    """What the numbers were measured on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return [
        f"CPU: {model}, {os.cpu_count()} logical cores",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"textual {version('textual')}, pydantic {version('pydantic')}, tinydb {version('tinydb')}",
        "load average at start: " + (", ".join(f"{x:.2f}" for x in load) if load else "unknown"),
    ]


# Timing ------------------------------------------------------------------------


def _children_cpu() -> float:
    """CPU seconds used so far by the finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(argv: Sequence[str]) -> Timing:
    """Time `argv` from start to exit (output discarded); fails on a crash."""
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, timeout=PROCESS_TIMEOUT
    )
    took = Timing(time.perf_counter() - started, _children_cpu() - cpu)
    if done.returncode not in (0, 1, 2):  # status: 0 well, 1 attention, 2 critical
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-2000:]!r}")
    return took


def first_paint(argv: Sequence[str], drawn: str) -> Timing:
    """Time `argv` in a fresh pseudo-terminal from its start until `drawn` is on screen.

    Everything the program writes is read as it comes, as a terminal would; as soon
    as the text `drawn` has been written, the clock stops and the program is killed
    (its CPU time is counted until then, near enough: the kill follows at once).
    """
    columns, lines = TERMINAL
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = dict(ENV, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines))
    for name in ("TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_DEVTOOLS", "NO_COLOR"):
        env.pop(name, None)
    wanted = drawn.encode()
    cpu = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    tail = b""
    wall = None
    try:
        while wall is None:
            left = PROCESS_TIMEOUT - (time.perf_counter() - started)
            if left <= 0 or not select.select([master], [], [], left)[0]:
                break  # nothing more drawn in time: reported below, with what was
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the terminal is gone: the program exited
                break
            if not chunk:
                break
            tail = (tail + chunk)[-4000:]
            if wanted in tail:
                wall = time.perf_counter() - started
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=PROCESS_TIMEOUT)
    finally:
        os.close(master)
    if wall is None:
        raise RuntimeError(f"{' '.join(argv)} never drew {drawn!r}: {tail[-2000:]!r}")
    return Timing(wall, _children_cpu() - cpu)


def paired(
    runs: int, subject: Callable[[], Timing], floor: Callable[[], Timing]
) -> tuple[list[Timing], list[Timing]]:
    """Timings of `subject` and `floor`, run alternately after one warm-up each."""
    subject()
    floor()
    mine: list[Timing] = []
    base: list[Timing] = []
    for n in range(runs):
        # Alternate which goes first, so neither always follows the other.
        if n % 2:
            mine.append(subject())
            base.append(floor())
        else:
            base.append(floor())
            mine.append(subject())
    return mine, base


def timed(action: Callable[[], object]) -> Timing:
    """One call of `action`, in process."""
    cpu = time.process_time()
    started = time.perf_counter()
    action()
    return Timing(time.perf_counter() - started, time.process_time() - cpu)


def repeated(runs: int, action: Callable[[], object]) -> list[Timing]:
    """Timings of `runs` calls of `action`, after one warm-up call."""
    action()
    return [timed(action) for _ in range(runs)]


def row(measure: str, times: list[Timing], **fields: object) -> Row:
    """A table row from the measure's timings (and the floor's, given as `floor_times`)."""
    floor_times = fields.pop("floor_times", None)
    if isinstance(floor_times, list):
        fields["floor"] = statistics.median(t.wall for t in floor_times)
        fields["floor_cpu"] = statistics.median(t.cpu for t in floor_times)
    walls = [t.wall for t in times]
    return Row(
        measure,
        statistics.median(walls),
        (min(walls), max(walls)),
        statistics.median(t.cpu for t in times),
        **fields,  # type: ignore[arg-type]
    )


# Measures ----------------------------------------------------------------------


def ce_tui_command() -> list[str]:
    """How a login script runs ce-tui: the installed command, else `python -m ce_tui`."""
    script = Path(PY).with_name("ce-tui")
    return [str(script)] if script.exists() else [PY, "-m", "ce_tui"]


def status_rows(stores: dict[int, Path], runs: int) -> list[Row]:
    """`ce-tui status` as a whole process, against a bare interpreter and against json.load."""
    rows = []
    day = data.TODAY.isoformat()
    for n, store in stores.items():
        status = [*ce_tui_command(), "--db", str(store), "--today", day, "status"]
        if n == 100:
            mine, base = paired(
                runs, lambda a=status: run_process(a), lambda: run_process([PY, "-c", "pass"])
            )
            rows.append(
                row(
                    f"`ce-tui status`, process, {n:,} claims",
                    mine,
                    floor_times=base,
                    floor_name="`python -c pass`",
                    target="<= 6x",
                    limit=6.0,
                )
            )
        load = [PY, "-c", f"import json; json.load(open({str(store)!r}))"]
        mine, base = paired(runs, lambda a=status: run_process(a), lambda a=load: run_process(a))
        rows.append(
            row(
                f"`ce-tui status`, process, {n:,} claims",
                mine,
                floor_times=base,
                floor_name="`python -c 'json.load(store)'`",
                target="<= 3x" if n == 10_000 else "",
                limit=3.0 if n == 10_000 else None,
            )
        )
    # The same store after a hand edit: no seal, so every record is validated
    # (pydantic is imported and the whole file checked) before the evaluation.
    edited = unsealed_copy(stores[10_000])
    status = [*ce_tui_command(), "--db", str(edited), "--today", day, "status"]
    load = [PY, "-c", f"import json; json.load(open({str(edited)!r}))"]
    mine, base = paired(runs, lambda a=status: run_process(a), lambda a=load: run_process(a))
    rows.append(
        row(
            "`ce-tui status`, process, 10,000 claims, store edited by hand (no seal: validated)",
            mine,
            floor_times=base,
            floor_name="`python -c 'json.load(store)'`",
        )
    )
    return rows


def unsealed_copy(store: Path) -> Path:
    """A copy of `store` as another tool would rewrite it: the same records, no seal."""
    doc = json.loads(store.read_bytes())
    for meta in doc["meta"].values():
        meta.pop("seal", None)
    copy = store.with_name(f"{store.stem}-edited.json")
    copy.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return copy


def evaluate_rows(store: Path, runs: int) -> list[Row]:
    """`evaluate()` of a loaded 10,000-claim ledger, in process (and of a worst case)."""
    from ce_tui.domain.engine import evaluate
    from ce_tui.domain.rules import default_rules
    from ce_tui.store import TinyDBStore

    rules = default_rules()
    rows = []
    for ledger, what, limit in (
        (TinyDBStore(store).load(), "", 0.020),
        (data.ledger(10_000, calendar=False), ", a course every 4th claim (worst case)", None),
    ):
        events = len(evaluate(ledger, rules, data.TODAY).history)
        times = repeated(max(runs, 20), lambda lg=ledger: evaluate(lg, rules, data.TODAY))
        rows.append(
            row(
                f"`evaluate()`, {len(ledger.claims):,} claims{what}, in process "
                f"({events:,} history events)",
                times,
                target="<= 20 ms" if limit else "",
                limit=limit,
            )
        )
    return rows


def load_rows(store: Path, runs: int) -> list[Row]:
    """Reading a 10,000-claim store, in process, sealed and edited, against json.load alone."""
    from ce_tui.store import TinyDBStore

    rows = []
    for path, what in (
        (store, "sealed: read, parse, check the seal, decode"),
        (unsealed_copy(store), "edited by hand: read, parse, validate every record"),
    ):

        def parse(path: Path = path) -> Timing:
            def read() -> None:
                with open(path, "rb") as handle:
                    json.load(handle)

            return timed(read)

        def load(path: Path = path) -> Timing:
            return timed(lambda: TinyDBStore(path).load())

        mine, base = paired(max(runs, 10), load, parse)
        rows.append(
            row(
                f"store load, 10,000 claims, {what}, in process",
                mine,
                floor_times=base,
                floor_name="`json.load` of the file",
            )
        )
    return rows


def save_row(store: Path, folder: Path, runs: int) -> Row:
    """Filing one claim into a 10,000-claim store as the app does, against one json.dump."""
    from ce_tui.domain.models import Claim
    from ce_tui.domain.rules import default_rules
    from ce_tui.services import Services
    from ce_tui.store import TinyDBStore

    path = folder / "save-10000.json"
    shutil.copyfile(store, path)
    services = Services(TinyDBStore(path), default_rules())
    services.load()  # the app has read its store before the first change
    document = json.loads(path.read_bytes())
    floor_path = folder / "json-dump.json"
    count = iter(range(1, 1_000_000))

    def save() -> Timing:
        number = next(count)
        claim = Claim(
            id="new",
            activity=f"Cisco Live 2026 webinar {number}",
            credits=1,
            completed=data.TODAY - timedelta(days=3),
            status="draft",
        )
        return timed(lambda: services.add_claim(claim))

    def dump() -> Timing:
        def write() -> None:
            with open(floor_path, "w", encoding="utf-8") as handle:
                json.dump(document, handle)

        return timed(write)

    mine, base = paired(max(runs, 10), save, dump)
    return row(
        "save one claim into 10,000 (validate, atomic write, fsync)",
        mine,
        floor_times=base,
        floor_name="`json.dump` of the same document",
        target="<= 2x",
        limit=2.0,
    )


def first_paint_rows(stores: dict[int, Path], runs: int) -> list[Row]:
    """The app's first paint (Progress, until the first certification's name is drawn)
    against the bare Textual app's (until its first row is drawn), both as processes."""
    from bench.bare_app import FIRST_ROW
    from ce_tui.domain.engine import evaluate
    from ce_tui.domain.rules import default_rules
    from ce_tui.store import TinyDBStore

    bare = [PY, BARE_APP, "100"]
    rows = []
    for n, limit in ((100, 1.4), (10_000, 1.5)):
        ledger = TinyDBStore(stores[n]).load()
        name = evaluate(ledger, default_rules(), data.TODAY).certifications[0].name
        app = [*ce_tui_command(), "--db", str(stores[n]), "--today", data.TODAY.isoformat()]
        mine, base = paired(
            runs, lambda a=app, m=name: first_paint(a, m), lambda: first_paint(bare, FIRST_ROW)
        )
        rows.append(
            row(
                f"app: first paint of Progress (the first certification's name), {n:,} claims",
                mine,
                floor_times=base,
                floor_name="bare Textual app (Header, Footer, DataTable of 100 rows): "
                "its first row",
                target=f"<= {limit}x",
                limit=limit,
            )
        )
    return rows


def key_rows(store: Path, presses: int) -> list[Row]:
    """On the Claims screen with 10,000 claims: a key press to the next frame, in process."""
    return asyncio.run(_key_rows(store, presses))


async def _key_rows(store: Path, presses: int) -> list[Row]:
    """Drive the real app (headless, `App.run_test`) and time keys to frames.

    A key is posted as the terminal driver would post it; the time stops when
    the app hands its next frame to the driver, encoded as terminal output
    (headless apps skip that step, so it is done here). Between two presses
    the app is left to go idle, untimed (Textual's pilot waits in steps of
    20 ms, too coarse to time a key with).
    """
    from textual import events

    from ce_tui.domain.rules import default_rules
    from ce_tui.services import Services
    from ce_tui.store import TinyDBStore
    from ce_tui.tui.app import CeApp

    app = CeApp(Services(TinyDBStore(store), default_rules()), data.TODAY)
    painted = asyncio.Event()
    display = app._display

    def display_and_mark(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None:
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(app.console)
            painted.set()

    app._display = display_and_mark  # type: ignore[method-assign]
    rows = []
    async with app.run_test(size=TERMINAL) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        claims = len(app.ledger.claims)

        async def press(key: str, character: str | None) -> Timing:
            await pilot.pause()
            painted.clear()
            cpu = time.process_time()
            started = time.perf_counter()
            app.post_message(events.Key(key, character))
            await asyncio.wait_for(painted.wait(), PROCESS_TIMEOUT)
            return Timing(time.perf_counter() - started, time.process_time() - cpu)

        await press("down", None)
        downs = [await press("down", None) for _ in range(presses)]
        rows.append(
            row(
                f"Claims screen, {claims:,} claims: cursor down to the next frame",
                downs,
                target="<= 50 ms",
                limit=0.050,
            )
        )
        search = next(
            (b for b in screen.BINDINGS if getattr(b, "action", "") == "search"),
            None,
        )
        if search is None:
            rows.append(
                Row(
                    f"Claims screen, {claims:,} claims: search letter to the next frame",
                    float("nan"),
                    (float("nan"), float("nan")),
                    target="<= 50 ms",
                    note="not measured: the Claims screen has no search yet",
                )
            )
        else:
            key = str(getattr(search, "key", "slash")).split(",")[0]
            await press(key, "/" if key == "slash" else None)
            letters = "ciscoliveroutingswitching"
            typed = []
            for n in range(presses):
                letter = letters[n % len(letters)]
                typed.append(await press(letter, letter))
            rows.append(
                row(
                    f"Claims screen, {claims:,} claims: search letter to the next frame",
                    typed,
                    target="<= 50 ms",
                    limit=0.050,
                )
            )
    return rows


def planner_row(runs: int) -> Row:
    """The best plan for the expert certification from a 2,000-activity catalog with sessions,
    under the time model (2 h a day, 30-day margin)."""
    from ce_tui.domain.planner import plan
    from ce_tui.domain.rules import default_rules

    catalog = data.catalog(2_000)
    ledger = data.ledger(100)
    rules = default_rules()
    times = repeated(
        max(runs, 10), lambda: plan(ledger, rules, data.TODAY, catalog, "ccie-ent", None, "price")
    )
    classes = sum(1 for a in catalog if a.sessions)
    return row(
        f"planner, {len(catalog):,}-activity catalog, {classes:,} with sessions "
        "(cheapest plan under the time model, CCIE)",
        times,
        target="<= 200 ms",
        limit=0.200,
    )


# Output ------------------------------------------------------------------------


def fmt_time(seconds: float | None) -> str:
    """A duration in ms, with a sensible precision."""
    if seconds is None or seconds != seconds:  # None or NaN
        return "n/a"
    ms = seconds * 1000
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    out = [
        "| measure | median (min-max) | cpu | floor, same run | floor median (cpu) "
        "| ratio (cpu) | target | |",
        "| --- | ---: | ---: | --- | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        ratio = cpu_ratio = ""
        if r.ratio is not None:
            ratio = f"**{r.ratio:.2f}x**"
        if r.cpu_ratio is not None:
            cpu_ratio = f" ({r.cpu_ratio:.2f}x)"
        floor = f"{fmt_time(r.floor)} ({fmt_time(r.floor_cpu)})" if r.floor is not None else ""
        median = f"**{fmt_time(r.median)}**" if r.median == r.median else "n/a"
        spread = (
            f" ({fmt_time(r.spread[0])}-{fmt_time(r.spread[1])})" if r.median == r.median else ""
        )
        verdict = r.verdict or r.note
        out.append(
            f"| {r.measure} | {median}{spread} | {fmt_time(r.cpu) if r.cpu else ''} | "
            f"{r.floor_name or 'none'} | {floor} | {ratio}{cpu_ratio} | {r.target} | {verdict} |"
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the stores, run every measure, print the machine and the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per measure (min 5)")
    parser.add_argument("--keys", type=int, default=60, help="timed key presses per key")
    parser.add_argument("--keep", type=Path, help="build the stores in DIR and keep them")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)

    print("# ce-tui benchmark\n")
    for line in machine():
        print(f"- {line}")
    print(f"- {runs} timed runs per measure after a warm-up; medians; evaluation day {data.TODAY}")
    print("- processes run from compiled bytecode (written by the warm-up runs)")
    sys.stdout.flush()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="ce-tui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    # Every process runs from compiled bytecode, as after an install: the
    # warm-ups write it (to the bench folder, not the source tree) even where
    # the environment forbids writing bytecode.
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    try:
        started = time.perf_counter()
        stores = {n: data.build_store(folder / f"claims-{n}.json", n) for n in SIZES}
        sizes = ", ".join(f"{n:,}: {p.stat().st_size / 1e6:.2f} MB" for n, p in stores.items())
        print(f"- stores built in {time.perf_counter() - started:.1f} s ({sizes})\n")
        sys.stdout.flush()

        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("status", lambda: status_rows(stores, runs)),
            ("evaluate", lambda: evaluate_rows(stores[10_000], runs)),
            ("load", lambda: load_rows(stores[10_000], runs)),
            ("save", lambda: [save_row(stores[10_000], folder, runs)]),
            ("first paint", lambda: first_paint_rows(stores, runs)),
            ("keys", lambda: key_rows(stores[10_000], args.keys)),
            ("planner", lambda: [planner_row(runs)]),
        ]
        rows: list[Row] = []
        for name, step in steps:
            began = time.perf_counter()
            print(f"  measuring {name}...", file=sys.stderr, flush=True)
            rows.extend(step())
            print(f"  {name}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(table(rows))
    if load:
        print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in load)}")
    missed = [r.measure for r in rows if r.verdict == "MISSED"]
    print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
