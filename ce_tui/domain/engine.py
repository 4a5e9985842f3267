"""The policy engine: `evaluate(ledger, rules, today) -> Evaluation` (docs/policy.md sections 3-6).

A pure function. It replays the ledger in date order: earnings and
recertifications are events; each recertification restarts its certification's
cycle and cascades to the certifications at its level and below.

The work stays close to linear in the records, so thousands of claims cost
milliseconds. Each claim is read once, into columns (days, credits, submission
days, catalog ids) kept in completion order; a ledger already in that order is
not sorted again. The day a cycle's approved credits reach an option's
requirement is found by bisection in running totals (a claim-by-claim scan is
needed only when a claim before that day does not count: submitted after the
expiry, or a catalog item already counted). Certifications of one level and
path share their earliest recertification per cycle, computed once, when a
cycle starts; the replay then only picks the soonest. Cycle totals are summed
from the credit column, and only draft and pending claims are looked at for
claim alerts.

A certification's first cycle counts exams from the day after its earning day
(an exam of that day earned it; it never recertifies it): see `_exams_from`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from operator import attrgetter

from ce_tui.domain.alerts import compute_alerts
from ce_tui.domain.evaluation import (
    CertStatus,
    Evaluation,
    HistoryEvent,
    OptionStatus,
    State,
    badge_of,
)
from ce_tui.domain.models import LEVEL_RANK, Certification, Claim, Exam, Ledger, Level, add_years
from ce_tui.domain.rules import Option, Rules

ZERO = Decimal(0)
ONE_DAY = timedelta(days=1)

NEAR = 64
"""How many claims after a cycle's start are searched first for the one its credits reach
an option's requirement with."""

NEVER = date.max
"""The recertification day of a cycle that does not recertify (real ones are by today)."""

_by_completion = attrgetter("completed", "id")
_by_day = attrgetter("completed")
_by_pass = attrgetter("passed", "id")

Found = tuple[date, tuple[Option, ...]]
"""The earliest recertification of a cycle: its day and the options met that day, in
the rules' order, or (NEVER, ()) when no option is ever met."""

Plan = tuple[Option, Decimal, list[date], int, tuple[Option]]
"""One option as a certification measures it: (option, CE needed, the days of the
exams of its kinds, exams needed, the option alone in a tuple)."""


@dataclass(eq=False, slots=True)
class _Level:
    """How the certifications of one level measure a cycle."""

    plans: list[Plan]
    """The level's options, in the rules' order."""
    without_exams: list[Plan]
    """Those that need no exam."""
    single: tuple[Decimal, tuple[Option]] | None
    """(CE needed, the option) when exactly one option needs no exam (and needs credits)."""
    last: tuple[date, date, date, Found] = (NEVER, NEVER, NEVER, (NEVER, ()))
    """The cycle `(start, exams_from, expires)` measured last and its earliest
    recertification (the same for every path: only the choice between options met on
    one day differs); the certifications a recertification renews usually start the
    same cycle. (One entry, not a table: the replay's allocations cost
    garbage-collection passes.)"""


@dataclass(eq=False, slots=True)
class CertCycle:
    """The replay's running state of one certification."""

    cert: Certification
    id: str
    rank: int
    earned: date
    retired: bool
    path: str
    """The option the holder chose (the level's default when the certification names none)."""
    plans: _Level
    """How its level measures a cycle."""
    start: date
    expires: date
    renewed_on: date | None = None
    held: bool = False
    """True once its earning has been replayed."""
    option: Option | None = None
    """The option by which its current cycle recertifies first (None: none does)."""
    slot: int = -1
    """Its position among the certifications that can recertify (-1: not one of them)."""
    renewable: list[CertCycle] = field(default_factory=list)
    """The certifications it renews: the other ones at its level or below, not retired."""

    @property
    def exams_from(self) -> date:
        """The first day whose exams count toward its current cycle."""
        return _exams_from(self.start, self.earned)


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
    approved_total: Decimal = ZERO
    """The credits of `approved`."""
    pending_total: Decimal = ZERO
    """The credits of `pending`."""


def _exams_from(start: date, earned: date) -> date:
    """The first day whose exams count toward a cycle starting `start` of a certification
    earned on `earned` (docs/policy.md section 3.2).

    An exam passed on the very day a certification was earned is one that earned it:
    it never recertifies it, so its first cycle counts exams from the next day. Every
    later cycle starts after the earning day, and counts exams from its start.
    """
    return start + ONE_DAY if start == earned else start


def _once_each(ids: list[str | None]) -> bool:
    """True when no catalog id occurs twice in `ids` (None is no catalog item)."""
    nones = ids.count(None)
    return len(set(ids)) == len(ids) - nones + (1 if nones else 0)


def _ascending(days: list[date]) -> bool:
    """True when `days` is in order (each day on or after the one before)."""
    return sorted(days) == days  # quicker than comparing neighbours: one run, then identities


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


def _counting(
    claims: Iterable[Claim],
    expires: date,
    seen: set[str | None],
    repeated: list[Claim] | None = None,
) -> Iterator[Claim]:
    """The claims that count in a cycle ending `expires` (docs/policy.md section 3), in order.

    A claim counts when it was submitted by `expires` and its catalog item (if
    any) is not in `seen`; the items of those that count are added to `seen`.
    Claims skipped for repeating an item go to `repeated`, when given.
    """
    for claim in claims:
        if claim.submitted is None or claim.submitted > expires:
            continue
        item = claim.catalog_id
        if item is not None:
            if item in seen:
                if repeated is not None:
                    repeated.append(claim)
                continue
            seen.add(item)
        yield claim


def _pending_credit(waiting: list[Claim], expires: date, counted: set[str | None]) -> list[Claim]:
    """The pending claims of a cycle that show as pending credit (docs/policy.md section 3.3).

    `waiting` are the cycle's pending claims by completion (then id, whenever one
    catalog item occurs twice); `counted` holds the catalog items the cycle's approved
    claims count. A pending claim shows when it was submitted by `expires` and its
    catalog item (if any) is counted neither by an approved claim (approving it would
    add nothing) nor by an earlier pending claim (only the earliest of those shows).
    """
    return list(_counting(waiting, expires, counted))


def _sum(claims: list[Claim]) -> Decimal:
    """Total credits of `claims`."""
    return sum((c.credits for c in claims), ZERO)


class _Index:
    """The ledger's dated items, read once into columns, with per-cycle lookups."""

    def __init__(self, claims: Sequence[Claim], exams: Sequence[Exam], today: date) -> None:
        """Keep the approved and pending claims and the exams that have happened by `today`."""
        approved: list[Claim] = []
        pending: list[Claim] = []
        open_claims: list[Claim] = []
        for claim in claims:
            status = claim.status
            if status == "approved":
                approved.append(claim)
            elif status == "pending":
                pending.append(claim)
                open_claims.append(claim)
            elif status == "draft":
                open_claims.append(claim)
        self.open_claims = open_claims
        """The draft and pending claims, in the ledger's order (the ones that may alert)."""

        days = [c.completed for c in approved]
        if _ascending(days):
            # Already by completion (as a store keeps them): a stable sort would keep this order.
            cut = bisect_right(days, today)
            del approved[cut:], days[cut:]
        else:
            approved = sorted(
                (c for c, day in zip(approved, days, strict=True) if day <= today), key=_by_day
            )
            days = [c.completed for c in approved]
        pending = [c for c in pending if c.completed <= today]
        catalog_ids = [c.catalog_id for c in approved]
        if _once_each(catalog_ids) and _once_each([c.catalog_id for c in pending]):
            # Claims of one day are taken in id order only to tell which of two
            # claims of one catalog item counts; with no item claimed twice,
            # their order changes nothing, and sorting by day alone is cheaper.
            pending.sort(key=_by_day)
            latest_repeat = [-1] * (len(approved) + 1)
        else:
            approved.sort(key=_by_completion)
            pending.sort(key=_by_completion)
            days = [c.completed for c in approved]
            catalog_ids = [c.catalog_id for c in approved]
            latest_repeat = _latest_repeats(catalog_ids)
        credits = [c.credits for c in approved]
        self.approved = approved
        self.approved_days = days
        self.credits = credits
        self.catalog_ids = catalog_ids
        self.pending = pending
        self.pending_days = [c.completed for c in pending]
        self.exams = sorted((e for e in exams if e.passed <= today), key=_by_pass)
        self.exam_days = [e.passed for e in self.exams]
        self._cycles: dict[tuple[date, date, date], CycleItems] = {}
        self._kinds: dict[tuple[str, ...], list[date]] = {}

        # Running totals of the approved credits, and, up to each position, the
        # latest submission (NEVER after a claim never submitted) and the latest
        # earlier claim of the same catalog item: the claims from `lo` up to a
        # position all count toward a cycle starting at `lo` when the first is
        # by its expiry and the second before `lo` (both only grow).
        self._sorted_totals = not credits or min(credits) > 0
        self._totals = list(accumulate(credits, initial=ZERO))
        latest = date.min
        self._latest_submitted = [latest]
        self._latest_submitted += [
            latest := NEVER if (sent := c.submitted) is None else sent if sent > latest else latest
            for c in approved
        ]
        self._latest_repeat = latest_repeat

    def _all_count(self, lo: int, hi: int, expires: date) -> int:
        """The end `k` of the claims `lo:k` that all count toward a cycle with these
        claims `lo:hi` and this expiry (none late, no catalog item twice)."""
        late = bisect_right(self._latest_submitted, expires, lo, hi + 1) - 1
        repeat = bisect_left(self._latest_repeat, lo, lo, hi + 1) - 1
        return max(lo, min(late, repeat))

    def cycle(self, start: date, expires: date, exams_from: date) -> CycleItems:
        """The items that count toward the cycle `[start, expires]` (docs/policy.md section 3),
        its exams from `exams_from` on."""
        key = (start, exams_from, expires)
        found = self._cycles.get(key)
        if found is not None:
            return found
        items = CycleItems()
        lo, hi = bisect_left(self.approved_days, start), bisect_right(self.approved_days, expires)
        end = self._all_count(lo, hi, expires) if lo < hi else lo
        items.approved = self.approved[lo:end]
        items.approved_total = sum(self.credits[lo:end], ZERO)
        p_lo = bisect_left(self.pending_days, start)
        waiting = self.pending[p_lo : bisect_right(self.pending_days, expires)]
        seen: set[str | None] = set()
        if waiting or self._latest_repeat[hi] >= lo:
            # Catalog items counted already (with no item twice in `lo:hi`, only
            # pending claims can repeat them).
            seen = set(self.catalog_ids[lo:end])
        for claim in _counting(self.approved[end:hi], expires, seen, items.repeated):
            items.approved.append(claim)
            items.approved_total += claim.credits
        # `seen` now holds every catalog item an approved claim counts in the cycle.
        items.pending = _pending_credit(waiting, expires, seen)
        items.pending_total = _sum(items.pending)
        lo, hi = bisect_left(self.exam_days, exams_from), bisect_right(self.exam_days, expires)
        items.exams = self.exams[lo:hi]
        self._cycles[key] = items
        return items

    def level(self, level: Level, rules: Rules) -> _Level:
        """How a certification of `level` measures a cycle."""
        plans: list[Plan] = []
        for option in rules.options(level):
            days = self._kinds.get(option.exam_kinds)
            if days is None:
                days = [e.passed for e in self.exams if e.kind in option.exam_kinds]
                self._kinds[option.exam_kinds] = days
            plans.append((option, Decimal(option.ce), days, option.exams, (option,)))
        without_exams = [plan for plan in plans if not plan[3]]
        single = None
        if len(without_exams) == 1 and without_exams[0][1]:
            single = (without_exams[0][1], without_exams[0][4])
        return _Level(plans, without_exams, single)

    def earliest(self, level: _Level, start: date, expires: date, exams_from: date) -> Found:
        """The earliest day the cycle `[start, expires]`, its exams from `exams_from` on, is
        met, and the options met that day.

        Each option is met on the day its credits and its exams both are, by the
        items counting toward the cycle (:meth:`cycle`).
        """
        last = level.last
        if last[0] == start and last[1] == exams_from and last[2] == expires:
            return last[3]
        lo = bisect_left(self.approved_days, start)
        exam_days = self.exam_days
        first_exam = bisect_left(exam_days, exams_from)
        if first_exam == len(exam_days) or exam_days[first_exam] > expires:
            # No exam at all in the cycle: only the options without exams can be met.
            if level.single is not None:
                need, alone = level.single
                day = self._credits_met(lo, expires, need)
                found: Found = (NEVER, ()) if day is None else (day, alone)
                level.last = (start, exams_from, expires, found)
                return found
            plans = level.without_exams
        else:
            plans = level.plans
        best_day = NEVER
        best: tuple[Option, ...] = ()
        for option, need, kind_days, exams, alone in plans:
            met: date | None = None
            if exams:
                first = bisect_left(kind_days, exams_from) + exams - 1
                if first >= len(kind_days):
                    continue
                met = kind_days[first]
                if met > expires or met > best_day:
                    continue  # too few exams in the cycle, or met after another option
            if need:
                day = self._credits_met(lo, expires, need)
                if day is None:
                    continue
                if met is None or day > met:
                    met = day
            if met is None:
                raise ValueError(f"option {option.id!r} requires nothing")
            if met < best_day:
                best_day, best = met, alone
            elif met == best_day:
                best += alone
        found = (best_day, best)
        level.last = (start, exams_from, expires, found)
        return found

    def _credits_met(self, lo: int, expires: date, need: Decimal) -> date | None:
        """The day the approved claims from `lo` that count toward a cycle ending
        `expires` first total `need` (None: they never do)."""
        days = self.approved_days
        if self._sorted_totals:
            totals = self._totals
            target = totals[lo] + need
            # Look near `lo` first: a cycle's credits usually add up within a few
            # dozen claims, and comparing Decimals is what a bisection costs.
            near = lo + NEAR
            if near < len(totals) and totals[near] >= target:
                end = bisect_left(totals, target, lo + 1, near)
            else:
                end = bisect_left(totals, target, lo + 1)
            if end == len(totals) or days[end - 1] > expires:
                return None  # not even every claim of the cycle is enough
            if self._latest_submitted[end] <= expires and self._latest_repeat[end] < lo:
                return days[end - 1]  # every claim from `lo` to `end - 1` counts
        return self._credits_met_on(lo, bisect_right(days, expires, lo), expires, need)

    def _credits_met_on(self, lo: int, hi: int, expires: date, need: Decimal) -> date | None:
        """The day the approved claims `lo:hi` that count by `expires` first total `need`.

        The same day as summing the cycle's :attr:`CycleItems.approved` in order.
        """
        seen: set[str | None] = set()
        total = ZERO
        start = lo
        if self._sorted_totals and lo < hi:
            # The claims up to `start` all count, and they are not enough.
            start = self._all_count(lo, hi, expires)
            seen = set(self.catalog_ids[lo:start])
            total = self._totals[start] - self._totals[lo]
        for claim in _counting(self.approved[start:hi], expires, seen):
            total += claim.credits
            if total >= need:
                return claim.completed
        return None


def cycle_claims(
    ledger: Ledger, today: date, start: date, expires: date
) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    """The approved and the pending claims that count toward the cycle `[start, expires]`.

    The same claims, by the same rules, as the totals of the evaluation's
    :class:`CertStatus` for that cycle (the credit timeline draws them).
    """
    items = _Index(ledger.claims, (), today).cycle(start, expires, exams_from=start)  # no exams
    return tuple(items.approved), tuple(items.pending)


def _choose(options: tuple[Option, ...], path: str) -> Option | None:
    """The option a certification recertifies by, of those met on one day: its path,
    else the first in the rules' order (None when there are none)."""
    if len(options) == 1:
        return options[0]
    return next((o for o in options if o.id == path), options[0] if options else None)


def _replay(
    ledger: Ledger, rules: Rules, today: date, index: _Index
) -> tuple[list[CertCycle], list[HistoryEvent]]:
    """Replay earnings and recertifications in date order up to `today`.

    The history comes out in date order: each event is the soonest one left,
    and a cycle it starts is met no sooner than the day after.
    """
    years = rules.cycle_years
    from_completion = rules.renew_from == "completion"
    levels: dict[str, _Level] = {}
    states: list[CertCycle] = []
    for cert in sorted(ledger.certifications, key=lambda c: (-LEVEL_RANK[c.level], c.id)):
        plans = levels.get(cert.level)
        if plans is None:
            plans = levels[cert.level] = index.level(cert.level, rules)
        states.append(
            CertCycle(
                cert=cert,
                id=cert.id,
                rank=LEVEL_RANK[cert.level],
                earned=cert.earned,
                retired=cert.retired,
                path=cert.path or rules.default_path(cert.level),
                plans=plans,
                start=cert.earned,
                expires=cert.expires or add_years(cert.earned, years),
            )
        )
    for s in states:
        s.renewable = [o for o in states if o is not s and not o.retired and o.rank <= s.rank]
    earnings = sorted(
        (s for s in states if s.earned <= today), key=lambda s: (s.earned, -s.rank, s.id)
    )
    earned_days = [s.earned for s in earnings]
    earned_days.append(NEVER)
    history: list[HistoryEvent] = []
    next_earning = 0
    # The certifications that can recertify (held, not retired) in `states`
    # order, and the day each one's current cycle recertifies (NEVER: it does
    # not), with one more NEVER at the end.
    candidates: list[CertCycle] = []
    due: list[date] = [NEVER]
    while True:
        # The next event: the next earning, or the earliest recertification
        # (same day: earnings first, then higher levels, then by id, as `states`).
        day = min(due)
        earning = earned_days[next_earning] <= day
        if earning:
            if next_earning == len(earnings):
                break  # no earning left, and nothing recertifies
            s = earnings[next_earning]
            next_earning += 1
            s.held = True
            day, new_expires = s.earned, s.expires
            history.append(HistoryEvent(date=day, certification=s.id, event="earned", by=None))
            if s.retired:
                continue
            s.slot = 0
            candidates = [c for c in states if c.slot >= 0]
            for slot, c in enumerate(candidates):
                c.slot = slot
            due = [NEVER] * (len(candidates) + 1)
            start = day + ONE_DAY
        else:
            if day == NEVER:
                break
            s = candidates[due.index(day)]
            assert s.option is not None
            if from_completion:
                try:
                    new_expires = date(day.year + years, day.month, day.day)
                except ValueError:  # 29 February
                    new_expires = add_years(day, years)
                if new_expires < s.expires:
                    new_expires = s.expires
            else:
                new_expires = add_years(s.expires, years)
            s.start = start = day + ONE_DAY
            s.expires, s.renewed_on = new_expires, day
            history.append(
                HistoryEvent(date=day, certification=s.id, event="recertified", by=s.option.id)
            )
            due[s.slot], options = index.earliest(s.plans, start, new_expires, start)
            s.option = options[0] if len(options) == 1 else _choose(options, s.path)
        # Renew every other certification at its level or below (docs/policy.md section 4).
        for other in s.renewable:
            if other.earned < day and other.expires >= day:
                expires = other.expires if other.expires >= new_expires else new_expires
                other.start, other.expires, other.renewed_on = start, expires, day
                history.append(
                    HistoryEvent(date=day, certification=other.id, event="renewed", by=s.id)
                )
                if other.slot >= 0:
                    # A renewed cycle starts after the earning day: its exams count from
                    # its start. Usually it is the cycle just measured for `s`.
                    last = other.plans.last
                    if last[0] == start and last[1] == start and last[2] == expires:
                        due[other.slot], options = last[3]
                    else:
                        due[other.slot], options = index.earliest(
                            other.plans, start, expires, start
                        )
                    other.option = options[0] if len(options) == 1 else _choose(options, other.path)
        if earning:
            for c in candidates:
                due[c.slot], options = index.earliest(c.plans, c.start, c.expires, c.exams_from)
                c.option = _choose(options, c.path)
    for s in states:
        s.renewable = []  # no reference cycles left: freed without the garbage collector
    return states, history


def _status(state: CertCycle, rules: Rules, today: date, index: _Index) -> CertStatus:
    """Report one certification's current (or last) cycle."""
    cert = state.cert
    items = index.cycle(state.start, state.expires, state.exams_from)
    approved, pending = items.approved_total, items.pending_total
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
    path = state.path
    chosen = next(o for o in options if o.id == path)
    state_name: State
    if today < cert.earned:
        state_name = "upcoming"
    elif today <= state.expires:
        state_name = "active"
    else:
        state_name = "expired"
    days_left = (state.expires - today).days
    return CertStatus(
        id=cert.id,
        name=cert.name,
        level=cert.level,
        retired=cert.retired,
        state=state_name,
        badge=badge_of(state_name, cert.retired, days_left),
        earned=cert.earned,
        cycle_start=state.start,
        expires=state.expires,
        days_left=days_left,
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
    index = _Index(ledger.claims, ledger.exams, today)
    states, history = _replay(ledger, rules, today, index)
    statuses = [_status(s, rules, today, index) for s in states]
    statuses.sort(key=lambda s: (-LEVEL_RANK[s.level], s.expires, s.id))
    repeated = {
        s.id: index.cycle(s.start, s.expires, s.exams_from).repeated for s in states if s.held
    }
    target = _target(statuses)
    alerts = compute_alerts(index.open_claims, rules, today, statuses, repeated, target)
    return Evaluation(
        today=today,
        target=target,
        certifications=tuple(statuses),
        alerts=tuple(alerts),
        history=tuple(history),
    )
