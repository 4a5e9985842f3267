"""The planner's time model: which days a set of activities takes, and when it is done.

Study happens on the days from tomorrow to the deadline (the expiry minus the
margin), both included. An activity with sessions occupies the whole days of
the session chosen: ``max(1, ceil(hours / 8))`` days from its start (a class
day is :data:`CLASS_DAY_HOURS` hours), and the session must start tomorrow or
later and end by the deadline. Two chosen sessions may not share a day, unless
both are Cisco Live sessions (one conference: its sessions run side by side).
A class listed without a session (types in :data:`CLASS_TYPES`) cannot be
planned at all.

Everything else (on-demand hours and exam preparation) is one stream of work
done at most `hours_per_day` hours a day on the free days, the days no chosen
session occupies. A stream of ``S`` hours needs ``ceil(S / H)`` free days (at
least one when it holds anything). Items of the stream are done one after
another: activities shortest first (then by id), then exam preparations; an
item is finished on the free day on which the running total of hours reaches
its end (the first free day at the earliest).

A set is feasible when a choice of its sessions exists that do not clash and
that leaves enough free days before the deadline for its stream; its finish
is the later of its last session day and its stream's last day, and the
arrangement kept is the one that finishes earliest (sessions tried in date
order, the first of equal finishes kept).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TypeAlias

from ce_tui.domain.models import Activity

CLASS_DAY_HOURS = 8
"""Hours of one class day: a session of ``h`` hours takes ``ceil(h / 8)`` days."""

CLASS_TYPES = frozenset({"ilt", "vilt", "cisco-live"})
"""Activity types that happen only in sessions: without one they cannot be planned."""

SHARED_DAY_TYPES = frozenset({"cisco-live"})
"""Types whose sessions may share days with each other (sessions of one conference)."""

ARRANGE_LIMIT = 20_000
"""Choices of sessions :func:`arrange` tries at most once it has one without a clash."""


@dataclass(frozen=True, slots=True)
class Window:
    """The days available for study: tomorrow to `deadline`, `hours_per_day` a day."""

    today: date
    deadline: date
    hours_per_day: Fraction

    @property
    def days(self) -> int:
        """How many days there are from tomorrow to the deadline (0 once it has passed)."""
        return max(0, (self.deadline - self.today).days)


Span: TypeAlias = tuple[Activity, date]
"""A session activity and the start of the session chosen."""


def class_days(activity: Activity) -> int:
    """How many whole days one session of `activity` occupies: ``max(1, ceil(hours / 8))``."""
    return max(1, math.ceil(Fraction(activity.hours) / CLASS_DAY_HOURS))


def session_end(activity: Activity, start: date) -> date:
    """The last day a session of `activity` starting on `start` occupies."""
    return start + timedelta(days=class_days(activity) - 1)


def plannable(activity: Activity) -> bool:
    """False for a class listed without sessions: there is no day to attend it."""
    return bool(activity.sessions) or activity.type not in CLASS_TYPES


def usable_starts(activity: Activity, window: Window, bounded: bool = True) -> tuple[date, ...]:
    """The session starts of `activity` from tomorrow on, in date order, ending by the deadline
    when `bounded`."""
    return tuple(
        start
        for start in sorted(set(activity.sessions))
        if start > window.today and (not bounded or session_end(activity, start) <= window.deadline)
    )


def clash(a: Activity, start_a: date, b: Activity, start_b: date) -> bool:
    """True when the two sessions share a day and are not both of one conference."""
    if a.type in SHARED_DAY_TYPES and b.type in SHARED_DAY_TYPES:
        return False
    return start_a <= session_end(b, start_b) and start_b <= session_end(a, start_a)


def occupied(spans: Sequence[Span]) -> set[date]:
    """Every day the sessions of `spans` occupy."""
    return {
        start + timedelta(days=k) for activity, start in spans for k in range(class_days(activity))
    }


def stream_days(hours: Fraction, items: int, window: Window) -> int:
    """Free days a stream of `items` items and `hours` hours needs (0 when it is empty)."""
    if items == 0:
        return 0
    return max(1, math.ceil(hours / window.hours_per_day))


def nth_free_day(today: date, count: int, busy: set[date]) -> date | None:
    """The `count`-th day after `today` (count >= 1) not in `busy`; None past the calendar."""
    if count + len(busy) > (date.max - today).days:
        return None
    day = today + timedelta(days=count)
    for taken in sorted(d for d in busy if d > today):
        if taken > day:
            break
        day += timedelta(days=1)
    return day


def finish_of(spans: Sequence[Span], hours: Fraction, items: int, window: Window) -> date | None:
    """When the sessions `spans` and a stream of `hours` are all done.

    None when there is nothing to do, or when the stream would end past the
    last day of the calendar."""
    busy = occupied(spans)
    ends = [session_end(activity, start) for activity, start in spans]
    need = stream_days(hours, items, window)
    if need:
        last = nth_free_day(window.today, need, busy)
        if last is None:
            return None
        ends.append(last)
    return max(ends, default=None)


def arrange(
    classes: Sequence[tuple[Activity, Sequence[date]]],
    hours: Fraction,
    items: int,
    window: Window,
) -> tuple[tuple[Span, ...], date | None] | None:
    """The clash-free choice of sessions that finishes earliest, with its finish.

    `classes` are the session activities with their usable starts; `hours` and
    `items` describe the stream. None when every choice has a clash. Choices
    are tried earliest sessions first; past :data:`ARRANGE_LIMIT` of them the
    earliest finish found so far is kept.
    """
    best: tuple[tuple[Span, ...], date | None] | None = None
    chosen: list[Span] = []
    tried = 0

    def walk(k: int) -> None:
        """Try every start of class `k` that clashes with none chosen so far."""
        nonlocal best, tried
        tried += 1
        if tried > ARRANGE_LIMIT and best is not None:
            return
        if k == len(classes):
            end = finish_of(chosen, hours, items, window)
            if best is None or (end or date.max) < (best[1] or date.max):
                best = (tuple(chosen), end)
            return
        activity, starts = classes[k]
        for start in starts:
            if any(clash(activity, start, other, when) for other, when in chosen):
                continue
            chosen.append((activity, start))
            walk(k + 1)
            chosen.pop()

    walk(0)
    return best


def stream_finishes(
    items: Sequence[Fraction], spans: Sequence[Span], window: Window
) -> list[date | None]:
    """The finish day of each stream item (its hours), done in the order given."""
    busy = occupied(spans)
    total = Fraction(0)
    result: list[date | None] = []
    for hours in items:
        total += hours
        count = max(1, math.ceil(total / window.hours_per_day))
        result.append(nth_free_day(window.today, count, busy))
    return result
