"""The policy engine: `evaluate(ledger, rules, today) -> Evaluation` (POLICY.md sections 3-5).

A pure function. It replays the ledger in date order: earnings and
recertifications are events; each recertification restarts its certification's
cycle and cascades to the certifications at its level and below.

The work stays close to linear in the records, so thousands of claims cost
milliseconds: claims and exams are sorted once; the day a cycle's approved
credits reach an option's requirement is found by bisection in running totals
(a claim-by-claim scan is needed only when a claim before that day does not
count: submitted after the expiry, or a catalog item already counted); each
certification's earliest recertification is computed once per cycle; and the
history is validated in one call at the end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Literal, cast

from ce_tui.domain.alerts import compute_alerts
from ce_tui.domain.evaluation import CertStatus, Evaluation, HistoryEvent, OptionStatus
from ce_tui.domain.models import LEVEL_RANK, Certification, Claim, Exam, Ledger, add_years
from ce_tui.domain.rules import Option, Rules

ZERO = Decimal(0)
ONE_DAY = timedelta(days=1)

_by_completion = attrgetter("completed", "id")
_by_day = attrgetter("completed")
_by_pass = attrgetter("passed", "id")

EventKind = Literal["earned", "recertified", "renewed"]

Event = tuple[date, str, EventKind, str | None]
"""A history event's fields (date, certification, event, by), made a `HistoryEvent` at the end."""

Found = tuple[date, Option] | None
"""The earliest recertification of a cycle: its day and option, or None."""

Key = tuple[date, int, int, str]
"""How replay events are ordered: day, earning before recertification, level, id."""


Plan = tuple[int, Option, int, list[date], int]
"""One option as a certification measures it: (tie rank, option, CE needed, the
days of the exams of its kinds, exams needed). The tie rank is 0 for the
holder's path, else the option's position in the rules plus one."""


@dataclass(eq=False, slots=True)
class CertCycle:
    """The replay's running state of one certification."""

    cert: Certification
    rank: int
    start: date
    expires: date
    renewed_on: date | None = None
    held: bool = False
    """True once its earning has been replayed."""
    option: Option | None = None
    """The option by which its current cycle recertifies first (None: none does)."""
    known: bool = False
    """True while its replay key and `option` are those of the current cycle."""
    level: str = ""
    """The certification's level."""
    path: str = ""
    """The option the holder chose (the level's default when the certification names none)."""
    plans: list[Plan] = field(default_factory=list)
    """How it measures each option of its level."""

    def restart(self, start: date, expires: date) -> None:
        """Begin a new cycle `[start, expires]`."""
        self.start, self.expires, self.known = start, expires, False


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


def _once_each(ids: list[str | None]) -> bool:
    """True when no catalog id occurs twice in `ids` (None is no catalog item)."""
    nones = ids.count(None)
    return len(set(ids)) == len(ids) - nones + (1 if nones else 0)


def _latest_repeats(ids: list[str | None]) -> list[int]:
    """For each position `n` of `ids`, the latest `i < n` whose id occurs again after it
    and before `n` (-1 when none): item `j` is a repeat of one in `ids[lo:j]` exactly
    when the answer for `j + 1` is at least `lo`."""
    last_seen: dict[str, int] = {}
    latest = -1
    out = [-1]
    for position, item in enumerate(ids):
        if item is not None:
            previous = last_seen.get(item, -1)
            latest = max(latest, previous)
            last_seen[item] = position
        out.append(latest)
    return out


class _Index:
    """The ledger's dated items, sorted once, with per-cycle lookups."""

    def __init__(self, ledger: Ledger, today: date) -> None:
        """Keep the approved and pending claims and the exams that have happened by `today`."""
        approved: list[Claim] = []
        pending: list[Claim] = []
        for claim in ledger.claims:
            if claim.completed <= today:
                if claim.status == "approved":
                    approved.append(claim)
                elif claim.status == "pending":
                    pending.append(claim)
        if _once_each([c.catalog_id for c in approved]) and _once_each(
            [c.catalog_id for c in pending]
        ):
            # Claims of one day are taken in id order only to tell which of two
            # claims of one catalog item counts; with no item claimed twice,
            # their order changes nothing, and sorting by day alone is cheaper.
            approved.sort(key=_by_day)
            pending.sort(key=_by_day)
            latest_repeat = [-1] * (len(approved) + 1)
        else:
            approved.sort(key=_by_completion)
            pending.sort(key=_by_completion)
            latest_repeat = _latest_repeats([c.catalog_id for c in approved])
        self.approved = approved
        self.approved_days = [c.completed for c in approved]
        self.pending = pending
        self.pending_days = [c.completed for c in pending]
        self.exams = sorted((e for e in ledger.exams if e.passed <= today), key=_by_pass)
        self.exam_days = [e.passed for e in self.exams]
        self._cache: dict[tuple[date, date], CycleItems] = {}
        self._kinds: dict[tuple[str, ...], list[date]] = {}
        self._earliest: dict[tuple[str, str, date, date], Found] = {}

        # For `earliest`: running totals of the approved credits, and, up to
        # each position, the latest submission and the latest earlier claim of
        # the same catalog item (claims that may not count in a cycle).
        credits = [c.credits for c in approved]
        self._sorted_totals = not credits or min(credits) > 0
        self._totals = list(accumulate(credits, initial=ZERO))
        sent = [c.submitted for c in approved]
        submitted = [d or date.max for d in sent] if None in sent else cast("list[date]", sent)
        self._latest_submitted = list(accumulate(submitted, max, initial=date.min))
        self._latest_repeat = latest_repeat

    def cycle(self, start: date, expires: date) -> CycleItems:
        """The items that count toward the cycle `[start, expires]` (POLICY.md section 3)."""
        key = (start, expires)
        found = self._cache.get(key)
        if found is not None:
            return found
        items = CycleItems()
        seen: set[str] = set()
        lo, hi = bisect_left(self.approved_days, start), bisect_right(self.approved_days, expires)
        every = self._latest_submitted[hi] <= expires and self._latest_repeat[hi] < lo
        if every:
            # Every claim of the cycle counts (none late, no catalog item twice).
            items.approved = self.approved[lo:hi]
        else:
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
        waiting = self.pending[lo:hi]
        if every and waiting:
            seen = {c.catalog_id for c in items.approved if c.catalog_id is not None}
        for claim in waiting:
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

    def plans(self, cert: Certification, rules: Rules) -> list[Plan]:
        """How `cert` measures each option of its level."""
        path = cert.path or rules.default_path(cert.level)
        plans = []
        for order, option in enumerate(rules.options(cert.level)):
            days = self._kinds.get(option.exam_kinds)
            if days is None:
                days = [e.passed for e in self.exams if e.kind in option.exam_kinds]
                self._kinds[option.exam_kinds] = days
            tie = 0 if option.id == path else order + 1
            plans.append((tie, option, option.ce, days, option.exams))
        return plans

    def earliest(self, state: CertCycle) -> Found:
        """The earliest day and option by which `state`'s cycle is met, or None.

        Each option is met on the day its credits and its exams both are, by the
        items counting toward the cycle (:meth:`cycle`). Ties between options go
        to the holder's path, then to the rules' order. Certifications of one
        level and path renewed together share the answer.
        """
        start, expires = state.start, state.expires
        key = (state.level, state.path, start, expires)
        if key in self._earliest:
            return self._earliest[key]
        days, totals = self.approved_days, self._totals
        latest_submitted, latest_repeat = self._latest_submitted, self._latest_repeat
        lo = bisect_left(days, start)
        hi = bisect_right(days, expires, lo)
        first_exam = bisect_left(self.exam_days, start)
        no_exam = first_exam == len(self.exam_days) or self.exam_days[first_exam] > expires
        best: tuple[date, int, Option] | None = None
        for tie, option, need, exam_days, exams in state.plans:
            if exams and no_exam:
                continue  # no exam at all in the cycle
            day: date | None = None
            if need:
                if self._sorted_totals:
                    end = bisect_left(totals, totals[lo] + need, lo + 1, hi + 1)
                    if end > hi:
                        continue  # not even every claim of the cycle is enough
                    if latest_submitted[end] <= expires and latest_repeat[end] < lo:
                        # Every claim from `lo` to `end - 1` counts: the last one crosses.
                        day = days[end - 1]
                if day is None:
                    day = self._credits_met_on(lo, hi, expires, need)
                    if day is None:
                        continue
            if exams:
                first = bisect_left(exam_days, start) + exams - 1
                if first >= len(exam_days) or exam_days[first] > expires:
                    continue
                if day is None or exam_days[first] > day:
                    day = exam_days[first]
            if day is None:
                raise ValueError(f"option {option.id!r} requires nothing")
            if best is None or day < best[0] or (day == best[0] and tie < best[1]):
                best = (day, tie, option)
        found = (best[0], best[2]) if best else None
        self._earliest[key] = found
        return found

    def _credits_met_on(self, lo: int, hi: int, expires: date, need: int) -> date | None:
        """The day the approved claims `lo:hi` that count by `expires` first total `need`.

        The same day as summing the cycle's :attr:`CycleItems.approved` in order.
        """
        seen: set[str] = set()
        total = ZERO
        for claim in self.approved[lo:hi]:
            if claim.submitted is None or claim.submitted > expires:
                continue
            if claim.catalog_id is not None:
                if claim.catalog_id in seen:
                    continue
                seen.add(claim.catalog_id)
            total += claim.credits
            if total >= need:
                return claim.completed
        return None


NEVER: Key = (date.max, 2, 0, "")
"""A replay key after every real one: the certification does not recertify."""


def _cascade(
    source: CertCycle,
    day: date,
    new_expires: date,
    renewable: list[CertCycle],
    history: list[Event],
) -> None:
    """Renew every other certification at `source`'s level or below on `day` (POLICY.md 4).

    `renewable` holds the certifications that may be renewed by `source`: the
    other ones at its level or below, not retired.
    """
    for other in renewable:
        if not other.cert.earned < day or other.expires < day:
            continue
        other.restart(day + ONE_DAY, max(other.expires, new_expires))
        other.renewed_on = day
        history.append((day, other.cert.id, "renewed", source.cert.id))


def _replay(
    ledger: Ledger, rules: Rules, today: date, index: _Index
) -> tuple[list[CertCycle], list[Event]]:
    """Replay earnings and recertifications in date order up to `today`."""
    states = [
        CertCycle(
            cert=c,
            rank=LEVEL_RANK[c.level],
            start=c.earned,
            expires=c.expires or add_years(c.earned, rules.cycle_years),
            level=c.level,
            path=c.path or rules.default_path(c.level),
            plans=index.plans(c, rules),
        )
        for c in sorted(ledger.certifications, key=lambda c: (-LEVEL_RANK[c.level], c.id))
    ]
    renewable = {
        id(s): [o for o in states if o is not s and not o.cert.retired and o.rank <= s.rank]
        for s in states
    }
    earnings = sorted(
        (s for s in states if s.cert.earned <= today),
        key=lambda s: (s.cert.earned, -s.rank, s.cert.id),
    )
    earning_keys = [(s.cert.earned, 0, -s.rank, s.cert.id) for s in earnings]
    earning_keys.append(NEVER)
    history: list[Event] = []
    next_earning = 0
    # The certifications that can recertify (held, not retired) in `states`
    # order, and the replay key of each one's current cycle (NEVER when it
    # does not recertify in it).
    candidates: list[CertCycle] = []
    keys: list[Key] = []
    # Earliest recertification per (certification id, cycle), as computed first.
    memo: dict[tuple[str, date, date], Found] = {}
    while True:
        for slot, s in enumerate(candidates):
            if not s.known:
                key_memo = (s.cert.id, s.start, s.expires)
                if key_memo not in memo:
                    memo[key_memo] = index.earliest(s)
                found = memo[key_memo]
                if found is None:
                    keys[slot], s.option = NEVER, None
                else:
                    keys[slot], s.option = (found[0], 1, -s.rank, s.cert.id), found[1]
                s.known = True
        # The next event: the next earning, or the earliest recertification
        # (same day: earnings first, then higher levels, then by id; among
        # equal keys, the first certification in `states` order).
        best = min(keys, default=NEVER)
        earning = earning_keys[next_earning]
        if earning < best:
            s = earnings[next_earning]
            next_earning += 1
            s.held = True
            history.append((s.cert.earned, s.cert.id, "earned", None))
            if not s.cert.retired:
                candidates = [c for c in states if c is s or c in candidates]
                keys = [NEVER] * len(candidates)
                for c in candidates:
                    c.known = False
                _cascade(s, s.cert.earned, s.expires, renewable[id(s)], history)
            continue
        if best is NEVER:
            break
        s = candidates[keys.index(best)]
        assert s.option is not None
        day = best[0]
        if rules.renew_from == "completion":
            new_expires = max(add_years(day, rules.cycle_years), s.expires)
        else:
            new_expires = add_years(s.expires, rules.cycle_years)
        s.restart(day + ONE_DAY, new_expires)
        s.renewed_on = day
        history.append((day, s.cert.id, "recertified", s.option.id))
        _cascade(s, day, new_expires, renewable[id(s)], history)
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
    history.sort(key=itemgetter(0))
    repeated = {s.cert.id: index.cycle(s.start, s.expires).repeated for s in states if s.held}
    target = _target(statuses)
    alerts = compute_alerts(ledger, rules, today, statuses, repeated, target)
    return Evaluation(
        today=today,
        target=target,
        certifications=tuple(statuses),
        alerts=tuple(alerts),
        history=tuple(
            HistoryEvent(date=day, certification=cert_id, event=event, by=by)
            for day, cert_id, event, by in history
        ),
    )
