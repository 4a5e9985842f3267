"""Dates are injected: only `ce_tui/clock.py` reads the clock."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import ce_tui
from ce_tui import clock

READS_CLOCK = re.compile(r"\b(date\.today|datetime\.(now|today|utcnow)|time\.time)\s*\(")


def test_no_module_but_clock_reads_the_clock() -> None:
    """No source file outside clock.py calls date.today(), datetime.now() or time.time()."""
    root = Path(ce_tui.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "clock.py" and READS_CLOCK.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_today_is_overridden_and_reset() -> None:
    """set_today fixes the evaluation day; None goes back to the real local date."""
    clock.set_today(date(2026, 11, 28))
    try:
        assert clock.today() == date(2026, 11, 28)
    finally:
        clock.set_today(None)
    before = date.today()
    real = clock.today()
    after = date.today()
    assert before <= real <= after  # both sides, in case midnight passes in between


def test_timestamp_is_the_real_time_in_utc_whatever_the_override() -> None:
    """Backups are named by the real time in UTC, even while the evaluation day is overridden."""
    clock.set_today(date(2000, 1, 1))
    try:
        before = datetime.now(UTC)
        stamp = clock.timestamp()
        after = datetime.now(UTC)
    finally:
        clock.set_today(None)
    assert stamp.utcoffset() == timedelta(0)
    assert before <= stamp <= after
