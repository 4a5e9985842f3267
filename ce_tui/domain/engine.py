"""The policy engine: `evaluate(ledger, rules, today) -> Evaluation` (POLICY.md sections 3-5).

A pure function. It replays the ledger in date order: earnings and
recertifications are events; each recertification restarts its certification's
cycle and cascades to the certifications at its level and below. Work is linear
in the records: claims and exams are sorted once, a cycle's items are found by
bisection, and each certification's earliest recertification day is memoised
per cycle.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ce_tui.domain.alerts import compute_alerts
from ce_tui.domain.evaluation import CertStatus, Evaluation, HistoryEvent, OptionStatus
from ce_tui.domain.models import LEVEL_RANK, Certification, Claim, Exam, Ledger, add_years
from ce_tui.domain.rules import Option, Rules

ZERO = Decimal(0)
ONE_DAY = timedelta(days=1)


@dataclass
class CertCycle:
    """The replay's running state of one certification."""

    cert: Certification
    rank: int
    start: date
    expires: date
    renewed_on: date | None = None
    held: bool = False
    """True once its earning has been replayed."""


@dataclass
class CycleItems:
    """The items counting toward one cycle `[start, expires]`."""

    approved: list[Claim] = field(default_factory=list)
    """Approved claims that count, by completion date (once per catalog item)."""
    pending: list[Claim] = field(default_factory=list)
    """Pending claims that would count once approved."""
    repeated: list[Claim] = field(default_factory=list)
    """Approved claims for a catalog item already counted in the cycle."""
    exams: list[Exam] = field(default_factory=list)
    """Exams passed in the cycle, by date."""


class _Index:
    """The ledger's dated items, sorted once, with a per-cycle lookup."""

    def __init__(self, ledger: Ledger, today: date) -> None:
        """Keep the approved and pending claims and the exams that have happened by `today`."""

        def claims(status: str) -> list[Claim]:
            chosen = [c for c in ledger.claims if c.status == status and c.completed <= today]
            chosen.sort(key=lambda c: (c.completed, c.id))
            return chosen

        self.approved = claims("approved")
        self.approved_days = [c.completed for c in self.approved]
        self.pending = claims("pending")
        self.pending_days = [c.completed for c in self.pending]
        self.exams = sorted(
            (e for e in ledger.exams if e.passed <= today), key=lambda e: (e.passed, e.id)
        )
        self.exam_days = [e.passed for e in self.exams]
        self._cache: dict[tuple[date, date], CycleItems] = {}

    def cycle(self, start: date, expires: date) -> CycleItems:
        """The items that count toward the cycle `[start, expires]` (POLICY.md section 3)."""
        key = (start, expires)
        found = self._cache.get(key)
        if found is not None:
            return found
        items = CycleItems()
        seen: set[str] = set()
        lo, hi = bisect_left(self.approved_days, start), bisect_right(self.approved_days, expires)
        for claim in self.approved[lo:hi]:
            if claim.submitted is None or claim.submitted > expires:
                continue
            if claim.catalog_id is not None:
                if claim.catalog_id in seen:
                    items.repeated.append(claim)
                    continue
                seen.add(claim.catalog_id)
            items.approved.append(claim)
        lo, hi = bisect_left(self.pending_days, start), bisect_right(self.pending_days, expires)
        for claim in self.pending[lo:hi]:
            if claim.submitted is None or claim.submitted > expires:
                continue
            if claim.catalog_id is not None:
                if claim.catalog_id in seen:
                    continue
                seen.add(claim.catalog_id)
            items.pending.append(claim)
        lo, hi = bisect_left(self.exam_days, start), bisect_right(self.exam_days, expires)
        items.exams = self.exams[lo:hi]
        self._cache[key] = items
        return items


def _met_on(option: Option, items: CycleItems) -> date | None:
    """The earliest day `option` is met by the cycle's approved items, or None."""
    days: list[date] = []
    if option.ce:
        total = ZERO
        crossed: date | None = None
        for claim in items.approved:
            total += claim.credits
            if total >= option.ce:
                crossed = claim.completed
                break
        if crossed is None:
            return None
        days.append(crossed)
    if option.exams:
        passed = [e.passed for e in items.exams if e.kind in option.exam_kinds]
        if len(passed) < option.exams:
            return None
        days.append(passed[option.exams - 1])
    return max(days)


def _earliest(state: CertCycle, rules: Rules, index: _Index) -> tuple[date, Option] | None:
    """The earliest day and option by which `state`'s certification recertifies, or None.

    Ties between options go to the holder's path, then to the rules' order.
    """
    items = index.cycle(state.start, state.expires)
    path = state.cert.path or rules.default_path(state.cert.level)
    best: tuple[date, int, Option] | None = None
    for order, option in enumerate(rules.options(state.cert.level)):
        day = _met_on(option, items)
        if day is None:
            continue
        key = (day, 0 if option.id == path else order + 1, option)
        if best is None or key[:2] < best[:2]:
            best = key
    return (best[0], best[2]) if best else None


def _cascade(
    source: CertCycle,
    day: date,
    new_expires: date,
    states: list[CertCycle],
    history: list[HistoryEvent],
) -> None:
    """Renew every other certification at `source`'s level or below on `day` (POLICY.md 4)."""
    for other in states:
        if (
            other is source
            or other.cert.retired
            or other.rank > source.rank
            or not other.cert.earned < day
            or other.expires < day
        ):
            continue
        other.start = day + ONE_DAY
        other.expires = max(other.expires, new_expires)
        other.renewed_on = day
        history.append(
            HistoryEvent(date=day, certification=other.cert.id, event="renewed", by=source.cert.id)
        )


def _replay(
    ledger: Ledger, rules: Rules, today: date, index: _Index
) -> tuple[list[CertCycle], list[HistoryEvent]]:
    """Replay earnings and recertifications in date order up to `today`."""
    states = [
        CertCycle(
            cert=c,
            rank=LEVEL_RANK[c.level],
            start=c.earned,
            expires=c.expires or add_years(c.earned, rules.cycle_years),
        )
        for c in sorted(ledger.certifications, key=lambda c: (-LEVEL_RANK[c.level], c.id))
    ]
    earnings = sorted(
        (s for s in states if s.cert.earned <= today),
        key=lambda s: (s.cert.earned, -s.rank, s.cert.id),
    )
    history: list[HistoryEvent] = []
    next_earning = 0
    memo: dict[tuple[str, date, date], tuple[date, Option] | None] = {}
    while True:
        # The next event: the next earning, or the earliest recertification
        # (same day: earnings first, then higher levels, then by id).
        best: tuple[date, int, int, str] | None = None
        chosen: tuple[CertCycle, Option] | None = None
        if next_earning < len(earnings):
            s = earnings[next_earning]
            best = (s.cert.earned, 0, -s.rank, s.cert.id)
        for s in states:
            if not s.held or s.cert.retired:
                continue
            key_memo = (s.cert.id, s.start, s.expires)
            if key_memo not in memo:
                memo[key_memo] = _earliest(s, rules, index)
            found = memo[key_memo]
            if found is None:
                continue
            key = (found[0], 1, -s.rank, s.cert.id)
            if best is None or key < best:
                best, chosen = key, (s, found[1])
        if best is None:
            break
        if chosen is None:
            s = earnings[next_earning]
            next_earning += 1
            s.held = True
            history.append(
                HistoryEvent(date=s.cert.earned, certification=s.cert.id, event="earned")
            )
            if not s.cert.retired:
                _cascade(s, s.cert.earned, s.expires, states, history)
            continue
        s, option = chosen
        day = best[0]
        if rules.renew_from == "completion":
            new_expires = max(add_years(day, rules.cycle_years), s.expires)
        else:
            new_expires = add_years(s.expires, rules.cycle_years)
        s.start, s.expires, s.renewed_on = day + ONE_DAY, new_expires, day
        history.append(
            HistoryEvent(date=day, certification=s.cert.id, event="recertified", by=option.id)
        )
        _cascade(s, day, new_expires, states, history)
    return states, history


def _sum(claims: list[Claim]) -> Decimal:
    """Total credits of `claims`."""
    return sum((c.credits for c in claims), ZERO)


def _status(state: CertCycle, rules: Rules, today: date, index: _Index) -> CertStatus:
    """Report one certification's current (or last) cycle."""
    cert = state.cert
    items = index.cycle(state.start, state.expires)
    approved, pending = _sum(items.approved), _sum(items.pending)
    options = []
    for option in rules.options(cert.level):
        passed = tuple(e.id for e in items.exams if e.kind in option.exam_kinds)
        exams_missing = max(0, option.exams - len(passed))
        ce_missing = max(ZERO, option.ce - approved)
        options.append(
            OptionStatus(
                id=option.id,
                label=option.label,
                ce_required=option.ce,
                ce_approved=approved,
                ce_pending=pending,
                ce_missing=ce_missing,
                exams_required=option.exams,
                exam_kinds=option.exam_kinds,
                exams_passed=passed if option.exams else (),
                exams_missing=exams_missing,
                met=ce_missing == 0 and exams_missing == 0,
            )
        )
    path = cert.path or rules.default_path(cert.level)
    chosen = next(o for o in options if o.id == path)
    if today < cert.earned:
        state_name = "upcoming"
    elif today <= state.expires:
        state_name = "active"
    else:
        state_name = "expired"
    return CertStatus(
        id=cert.id,
        name=cert.name,
        level=cert.level,
        retired=cert.retired,
        state=state_name,
        earned=cert.earned,
        cycle_start=state.start,
        expires=state.expires,
        days_left=(state.expires - today).days,
        renewed_on=state.renewed_on,
        path=path,
        required=chosen.ce_required,
        approved=approved,
        pending=pending,
        remaining=max(ZERO, chosen.ce_required - approved),
        exams_missing=chosen.exams_missing,
        options=tuple(options),
    )


def _target(statuses: list[CertStatus]) -> str | None:
    """The highest-level active, non-retired certification (ties: earliest expiry, then id)."""
    candidates = [s for s in statuses if s.state == "active" and not s.retired]
    if not candidates:
        return None
    best = min(candidates, key=lambda s: (-LEVEL_RANK[s.level], s.expires, s.id))
    return best.id


def evaluate(ledger: Ledger, rules: Rules, today: date) -> Evaluation:
    """Derive every certification's state on `today` from the recorded history."""
    index = _Index(ledger, today)
    states, history = _replay(ledger, rules, today, index)
    statuses = [_status(s, rules, today, index) for s in states]
    statuses.sort(key=lambda s: (-LEVEL_RANK[s.level], s.expires, s.id))
    history.sort(key=lambda e: e.date)
    repeated = {s.cert.id: index.cycle(s.start, s.expires).repeated for s in states if s.held}
    target = _target(statuses)
    alerts = compute_alerts(ledger, rules, today, statuses, repeated, target)
    return Evaluation(
        today=today,
        target=target,
        certifications=tuple(statuses),
        alerts=tuple(alerts),
        history=tuple(history),
    )
