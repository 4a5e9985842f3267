"""Dates are injected: only `ce_tui/clock.py` reads the clock."""

from __future__ import annotations

import re
from datetime import date
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
    """set_today fixes the evaluation day; None goes back to the real date."""
    clock.set_today(date(2026, 11, 28))
    assert clock.today() == date(2026, 11, 28)
    clock.set_today(None)
    assert clock.today() != date(1970, 1, 1)
