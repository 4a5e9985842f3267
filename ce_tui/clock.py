"""The one place that reads the clock.

:func:`today` is the evaluation day: `--today` (and tests) override it.
:func:`timestamp` names backup files; it is the real time, never overridden,
so backups keep their true order.
"""

from __future__ import annotations

import datetime as _dt

_override: _dt.date | None = None


def set_today(day: _dt.date | None) -> None:
    """Make :func:`today` return `day` (None goes back to the real date)."""
    global _override
    _override = day


def today() -> _dt.date:
    """The evaluation day: the override if one is set, else the local date."""
    return _override if _override is not None else _dt.date.today()


def timestamp() -> _dt.datetime:
    """The current time in UTC (for naming backups)."""
    return _dt.datetime.now(_dt.UTC)
