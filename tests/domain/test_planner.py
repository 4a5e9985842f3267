"""The planner: exact under its time model against an independent brute force, and edge cases.

The brute force enumerates every subset of the usable activities, every
choice of their sessions and every choice of exam kinds, and simulates the
time model day by day (sessions on their days, clashes refused unless both are
Cisco Live, on-demand hours and exam preparation at most H hours on each free
day from tomorrow to the deadline). The planner must find a plan exactly when
one exists, its plan must be feasible when simulated, and no feasible set may
be cheaper by the objective.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import time
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ce_tui.domain.catalog import shipped_catalog
from ce_tui.domain.models import Activity, Certification, Claim, Ledger
from ce_tui.domain.planner import (
    EXAM_PRICE_CLC,
    Plan,
    compare_options,
    cover,
    knapsack,
    plan,
    search,
    timing,
)
from ce_tui.domain.rules import default_rules, parse_rules, shipped_rules_data
from ce_tui.domain.schema import jsonable

RULES = default_rules()
TODAY = date(2026, 6, 1)
EARNED = date(2025, 1, 15)
EXPIRES = date(2028, 1, 15)  # EARNED + 3 years


def activity(
    ident: str,
    credits: int | float | Decimal,
    price: Decimal | int | None = None,
    hours: float = 8,
    sessions: tuple[date, ...] = (),
    kind: str | None = None,
    **extra: object,
) -> Activity:
    """A catalog activity with defaults for the fields the planner ignores."""
    return Activity(
        id=ident,
        title=f"Course {ident}",
        provider="Test",
        type=kind or ("ilt" if sessions else "elearning"),
        technology="Enterprise",
        credits=credits,
        price_clc=None if price is None else Decimal(price),
        hours=hours,
        sessions=sessions,
        **extra,
    )


def ccnp(**extra: object) -> Certification:
    """A professional certification earned 2025-01-15, expiring 2028-01-15."""
    fields: dict[str, object] = {
        "id": "ccnp",
        "name": "CCNP Enterprise",
        "level": "professional",
        "earned": EARNED,
    }
    fields.update(extra)
    return Certification(**fields)


def claim(
    ident: str, credits: int, status: str, catalog_id: str | None = None, **kw: object
) -> Claim:
    """A claim completed in the current cycle (2025-03-01) and submitted the same day."""
    completed = kw.pop("completed", date(2025, 3, 1))
    submitted = None if status == "draft" else kw.pop("submitted", completed)
    return Claim(
        id=ident,
        activity=f"Activity {ident}",
        catalog_id=catalog_id,
        credits=credits,
        completed=completed,
        submitted=submitted,
        status=status,
    )


# --- an independent brute force ------------------------------------------------------------

PREP = {"associate": 60, "concentration": 40, "core": 80, "expert-lab": 300}
"""The shipped rules' exam preparation hours (an estimate)."""

OPTION_EXAMS = {"ce": (0, ()), "ce+exam": (1, ("core", "concentration"))}
"""Exams each option of the test CCNP needs, and the kinds that qualify."""

Key = tuple[Fraction, ...]


def sessions_days(a: Activity, start: date) -> list[date]:
    """The days one session of `a` occupies: ceil(hours / 8) from its start, at least one."""
    return [start + timedelta(days=k) for k in range(max(1, math.ceil(Fraction(a.hours) / 8)))]


def simulate(
    spans: Sequence[tuple[Activity, date]],
    stream: Sequence[Fraction],
    deadline: date,
    hours_per_day: Fraction,
) -> bool:
    """Day by day from tomorrow to `deadline`: sessions on their days, clashes refused unless
    both are Cisco Live, the stream done at most `hours_per_day` on the other days."""
    busy: dict[date, list[Activity]] = {}
    for a, start in spans:
        days = sessions_days(a, start)
        if start <= TODAY or days[-1] > deadline:
            return False
        for d in days:
            for other in busy.get(d, []):
                if not (a.type == "cisco-live" and other.type == "cisco-live"):
                    return False
            busy.setdefault(d, []).append(a)
    left = sum(stream, Fraction(0))
    if not stream:
        return True
    current = TODAY + timedelta(days=1)
    worked = False
    while current <= deadline:
        if current not in busy:
            left -= hours_per_day
            worked = True
            if left <= 0:
                return True
        current += timedelta(days=1)
    return left <= 0 and worked


def usable(ledger: Ledger, catalog: Sequence[Activity]) -> list[Activity]:
    """First record per id; not claimed in the cycle, not authoring, not a sessionless class."""
    claimed = {
        c.catalog_id
        for c in ledger.claims
        if c.catalog_id
        and c.status in ("approved", "pending", "draft")
        and EARNED <= c.completed <= EXPIRES
    }
    first: dict[str, Activity] = {}
    for a in catalog:
        first.setdefault(a.id, a)
    return [
        a
        for a in first.values()
        if a.id not in claimed
        and a.type != "authoring"
        and not (not a.sessions and a.type in ("ilt", "vilt", "cisco-live"))
    ]


def drafts_credits(ledger: Ledger, deadline: date) -> Decimal:
    """Credits of drafts completed in the cycle by today, submittable by min(window end,
    deadline) >= today, whose catalog id no approved, pending or earlier draft counts."""
    counted = {
        c.catalog_id
        for c in ledger.claims
        if c.catalog_id and c.status in ("approved", "pending") and c.completed >= EARNED
    }
    total = Decimal(0)
    for c in sorted(ledger.claims, key=lambda c: (c.completed, c.id)):
        if c.status != "draft" or not (EARNED <= c.completed <= TODAY):
            continue
        if min(c.completed + timedelta(days=365), deadline) < TODAY:
            continue
        if c.catalog_id:
            if c.catalog_id in counted:
                continue
            counted.add(c.catalog_id)
        total += c.credits
    return total


def brute_force(
    ledger: Ledger,
    catalog: Sequence[Activity],
    objective: str,
    margin: int,
    hours_per_day: Fraction,
    option_id: str,
    approved_only: bool,
    need_missing: Decimal,
    pending: Decimal,
) -> Key | None:
    """The least objective key of a feasible set (with sessions and exam kinds), or None."""
    deadline = EXPIRES - timedelta(days=margin)
    expected = Decimal(0) if approved_only else pending + drafts_credits(ledger, deadline)
    need = max(Decimal(0), need_missing - expected)
    count, kinds = OPTION_EXAMS[option_id]
    pool = usable(ledger, catalog)
    best: Key | None = None
    for size in range(len(pool) + 1):
        for subset in itertools.combinations(pool, size):
            if sum((a.credits for a in subset), Decimal(0)) < need:
                continue
            classes = [a for a in subset if a.sessions]
            demand = [Fraction(a.hours) for a in subset if not a.sessions]
            for exams in itertools.combinations_with_replacement(kinds, count):
                stream = demand + [Fraction(PREP[k]) for k in exams]
                price = sum((Fraction(a.price_clc or 0) for a in subset), Fraction(0))
                price += sum((Fraction(EXAM_PRICE_CLC[k]) for k in exams), Fraction(0))
                unknown = Fraction(sum(1 for a in subset if a.price_clc is None))
                hours = sum((Fraction(a.hours) for a in subset), Fraction(0))
                hours += sum((Fraction(PREP[k]) for k in exams), Fraction(0))
                n = Fraction(size + len(exams))
                key = (
                    (price, unknown, hours, n)
                    if objective == "price"
                    else (hours, price, unknown, n)
                )
                if best is not None and key >= best:
                    continue
                choices = itertools.product(*(sorted(set(a.sessions)) for a in classes))
                if any(
                    simulate(
                        list(zip(classes, starts, strict=True)), stream, deadline, hours_per_day
                    )
                    for starts in choices
                ):
                    best = key
    return best


def plan_key(result: Plan, objective: str) -> Key:
    """The plan's objective key, computed exactly from its steps."""
    work = [s for s in result.steps if s.kind != "claim"]
    price = sum((Fraction(s.price_clc or 0) for s in work), Fraction(0))
    unknown = Fraction(sum(1 for s in work if s.price_clc is None))
    hours = sum((Fraction(s.hours) for s in work), Fraction(0))
    n = Fraction(len(work))
    return (price, unknown, hours, n) if objective == "price" else (hours, price, unknown, n)


def check_feasible(result: Plan, catalog: Sequence[Activity], hours_per_day: Fraction) -> None:
    """The plan's steps, simulated independently, fit before its deadline and cover its need."""
    by_id = {}
    for a in catalog:
        by_id.setdefault(a.id, a)
    spans = []
    stream = []
    for s in result.steps:
        if s.kind == "activity":
            a = by_id[s.activity_id or ""]
            assert s.finish <= result.deadline
            if s.session is not None:
                assert s.session in a.sessions
                spans.append((a, s.session))
            else:
                assert not a.sessions
                stream.append(Fraction(a.hours))
        elif s.kind == "exam":
            assert s.finish <= result.deadline and s.date == result.expires
            stream.append(Fraction(s.hours))
    assert simulate(spans, stream, result.deadline, hours_per_day)
    assert result.total_credits >= result.ce_to_plan
    if result.finish_date is not None:
        assert result.finish_date <= result.deadline


def check_against_brute_force(
    ledger: Ledger,
    catalog: list[Activity],
    margin: int,
    option_id: str,
    objective: str,
    hours_per_day: float,
    approved_only: bool = False,
) -> str:
    """Compare one planner run with the brute force; returns the kind of outcome."""
    result = plan(
        ledger,
        RULES,
        TODAY,
        catalog,
        "ccnp",
        option_id,
        objective,
        margin,
        hours_per_day=hours_per_day,
        approved_only=approved_only,
    )
    h = Fraction(hours_per_day)
    best = brute_force(
        ledger,
        catalog,
        objective,
        margin,
        h,
        option_id,
        approved_only,
        result.ce_missing,
        result.ce_pending,
    )
    if best is None:
        assert not result.feasible, result
        assert result.shortfall is not None and result.reason
        if result.shortfall.earliest_finish is not None:
            assert result.shortfall.earliest_finish > result.deadline
            assert (
                result.shortfall.days_late
                == (result.shortfall.earliest_finish - result.deadline).days
            )
        return "infeasible"
    assert result.feasible, (result.reason, best)
    check_feasible(result, catalog, h)
    assert plan_key(result, objective) == best
    return "feasible"


# --- strategies ----------------------------------------------------------------------------

IDS = [f"a{i}" for i in range(10)]

credit_values = st.one_of(
    st.integers(1, 40),
    st.integers(1, 4000).map(lambda n: Decimal(n) / 100),
    st.sampled_from([Decimal("0.5"), Decimal("7.5")]),
)
prices = st.one_of(
    st.none(),
    st.integers(0, 60).map(lambda n: Decimal(n) * 10),
    st.integers(0, 9999).map(lambda n: Decimal(n) / 10),
)
hour_values = st.one_of(
    st.sampled_from([0.0, 0.5, 1.0, 2.5, 7.5, 8.0, 16.0, 24.0, 40.0]), st.integers(0, 80).map(float)
)


def near(days: int) -> date:
    """The day `days` after TODAY."""
    return TODAY + timedelta(days=days)


@st.composite
def activities(draw: st.DrawFn, horizon: int) -> Activity:
    """One random activity: ids from a small pool, sessions within `horizon` days, some types."""
    kind = draw(st.sampled_from(["elearning", "ilt", "cisco-live", "webinar", "authoring"]))
    sessions: tuple[date, ...] = ()
    if kind in ("ilt", "cisco-live") and draw(st.integers(0, 5)) > 0:
        starts = st.integers(-3, horizon).map(near)
        sessions = tuple(sorted(draw(st.lists(starts, min_size=1, max_size=2, unique=True))))
    return activity(
        draw(st.sampled_from(IDS)),
        draw(credit_values),
        draw(prices),
        draw(hour_values),
        sessions,
        kind,
    )


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    """A CCNP with a few claims in its cycle (under 80 CE approved: it does not recertify)."""
    claims = []
    base = draw(st.integers(0, 55))
    if base:
        claims.append(claim("base", base, "approved"))
    for n in range(draw(st.integers(0, 4))):
        claims.append(
            claim(
                f"c{n}",
                draw(st.integers(1, 8)),
                draw(st.sampled_from(["approved", "pending", "draft", "rejected"])),
                draw(st.one_of(st.none(), st.sampled_from(IDS))),
                completed=TODAY - timedelta(days=draw(st.integers(0, 500))),
            )
        )
    return Ledger(certifications=(ccnp(),), claims=tuple(claims))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    ledger=ledgers(),
    days_left=st.one_of(st.integers(0, 20), st.integers(20, 120)),
    option_id=st.sampled_from(["ce", "ce+exam"]),
    hours_per_day=st.sampled_from([0.5, 1.0, 2.0, 3.5, 8.0]),
    approved_only=st.booleans(),
)
def test_plan_matches_brute_force(
    data: st.DataObject,
    ledger: Ledger,
    days_left: int,
    option_id: str,
    hours_per_day: float,
    approved_only: bool,
) -> None:
    """Every plan is feasible under the model, none cheaper exists, and only none is refused."""
    catalog = data.draw(st.lists(activities(days_left + 3), min_size=1, max_size=8))
    margin = (EXPIRES - near(days_left)).days
    for objective in ("price", "hours"):
        outcome = check_against_brute_force(
            ledger, catalog, margin, option_id, objective, hours_per_day, approved_only
        )
        event(f"{objective}: {outcome}")


def test_plan_matches_brute_force_on_seeded_catalogs() -> None:
    """Seeded catalogs of 6-9 activities near the deadline: both outcomes occur often."""
    rnd = random.Random(2026)
    outcomes: list[str] = []
    for _n in range(150):
        days_left = rnd.randint(2, 40)
        catalog = []
        for _ in range(rnd.randint(6, 9)):
            kind = rnd.choice(["elearning", "elearning", "ilt", "cisco-live", "webinar"])
            sessions: tuple[date, ...] = ()
            if kind in ("ilt", "cisco-live"):
                sessions = tuple(sorted({near(rnd.randint(0, days_left)) for _ in range(2)}))
            catalog.append(
                activity(
                    rnd.choice(IDS),
                    rnd.randint(1, 25),
                    None if rnd.random() < 0.1 else Decimal(rnd.randint(0, 40)),
                    float(rnd.choice([1, 4, 8, 12, 16, 24, 40])),
                    sessions,
                    kind,
                )
            )
        claims = [claim("base", rnd.randint(20, 60), "approved")]
        for k in range(rnd.randint(0, 3)):
            status = rnd.choice(["pending", "draft"])
            completed = TODAY - timedelta(days=rnd.randint(0, 400))
            claims.append(claim(f"c{k}", rnd.randint(1, 9), status, completed=completed))
        ledger = Ledger(certifications=(ccnp(),), claims=tuple(claims))
        margin = (EXPIRES - near(days_left)).days
        h = rnd.choice([1.0, 2.0, 4.0, 8.0])
        for objective in ("price", "hours"):
            outcomes.append(
                check_against_brute_force(
                    ledger, catalog, margin, rnd.choice(["ce", "ce+exam"]), objective, h
                )
            )
    assert outcomes.count("feasible") > 60 and outcomes.count("infeasible") > 40, (
        outcomes.count("feasible"),
        outcomes.count("infeasible"),
    )


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(st.tuples(st.integers(1, 20_000), st.integers(1, 1_000)), max_size=12),
    need=st.integers(-5, 60_000),
)
def test_cover_matches_brute_force(items: list[tuple[int, int]], need: int) -> None:
    """`cover` on raw integers, with caps large enough to take the bound-pruning path."""
    credits = [c for c, _ in items]
    costs = [k for _, k in items]
    best: int | None = 0 if need <= 0 else None
    for size in range(1, len(items) + 1):
        for subset in itertools.combinations(range(len(items)), size):
            if sum(credits[i] for i in subset) >= need:
                cost = sum(costs[i] for i in subset)
                best = cost if best is None else min(best, cost)
    found = cover(credits, costs, need)
    if best is None:
        assert found is None
    else:
        assert found is not None
        assert sum(credits[i] for i in found) >= need
        assert sum(costs[i] for i in found) == best


def test_cover_bound_pruning_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the pruning by bounds forced on every call, covers stay optimal."""
    monkeypatch.setattr(knapsack, "DIRECT_WORK", 0)
    rnd = random.Random(5)
    for _ in range(200):
        credits = [rnd.randint(1, 3000) for _ in range(rnd.randint(1, 10))]
        costs = [rnd.randint(1, 500) for _ in credits]
        need = rnd.randint(1, sum(credits))
        best = min(
            sum(costs[i] for i in subset)
            for size in range(1, len(credits) + 1)
            for subset in itertools.combinations(range(len(credits)), size)
            if sum(credits[i] for i in subset) >= need
        )
        found = cover(credits, costs, need)
        assert found is not None and sum(costs[i] for i in found) == best


def test_cover_rejects_bad_input() -> None:
    """Non-positive credits or costs, or lists of different lengths, are refused."""
    with pytest.raises(ValueError):
        cover([1, 0], [1, 1], 1)
    with pytest.raises(ValueError):
        cover([1, 1], [1, 0], 1)
    with pytest.raises(ValueError):
        cover([1, 1], [1], 1)
    assert cover([], [], 1) is None
    assert cover([], [], 0) == []


# --- the cases ----------------------------------------------------------------------


def gap_ledger(approved: int = 70, *claims: Claim) -> Ledger:
    """The test CCNP with `approved` CE approved (10 missing for `ce` by default)."""
    return Ledger(certifications=(ccnp(),), claims=(claim("base", approved, "approved"), *claims))


def margin_for(days_left: int) -> int:
    """The margin that leaves `days_left` days of study from tomorrow."""
    return (EXPIRES - near(days_left)).days


def test_deadline_first_then_price() -> None:
    """10 days at 8 h: two 48 h items at 1 CLC do not fit together; the 100 CLC item does."""
    catalog = [
        activity("slow1", 5, 1, 48),
        activity("slow2", 5, 1, 48),
        activity("quick", 10, 100, 16),
    ]
    result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(10), 8)
    assert result.feasible and [s.activity_id for s in result.activities] == ["quick"]
    assert result.total_price == 100 and result.finish_date == near(2)
    roomy = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(12), 8)
    assert {s.activity_id for s in roomy.activities} == {"slow1", "slow2"}


def test_two_classes_on_the_same_days_are_not_both_planned() -> None:
    """Two five-day classes in one week clash; Cisco Live sessions on one day do not."""
    week = (near(3),)
    catalog = [activity("c1", 5, 10, 40, week, "ilt"), activity("c2", 5, 10, 40, week, "ilt")]
    result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(30), 8)
    assert not result.feasible and result.shortfall is not None
    assert "same days" in (result.reason or "")
    later = [*catalog, activity("c3", 5, 10, 40, (near(10),), "ilt")]
    ok = plan(gap_ledger(), RULES, TODAY, later, "ccnp", "ce", "price", margin_for(30), 8)
    assert ok.feasible and len({s.session for s in ok.activities}) == 2
    live = [activity(f"l{k}", 5, 1, 8, week, "cisco-live") for k in range(2)]
    shared = plan(gap_ledger(), RULES, TODAY, live, "ccnp", "ce", "price", margin_for(30), 8)
    assert shared.feasible and {s.session for s in shared.activities} == {near(3)}


def test_on_demand_hours_fill_the_free_days_at_hours_per_day() -> None:
    """12 h at 2 h a day takes six free days; a class day in between moves the end by one."""
    catalog = [activity("od", 10, 0, 12)]
    result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(30), 2)
    assert result.finish_date == near(6)
    assert result.assumptions.hours_per_day == 2 and result.assumptions.study_from == near(1)
    short = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(5), 2)
    assert not short.feasible and short.shortfall is not None
    # The item cannot be done alone in 5 days at 2 h: nothing that fits covers the need.
    assert short.shortfall.credits_short == 10
    with_class = [*catalog, activity("cls", 1, 0, 8, (near(2),), "ilt")]
    both = plan(gap_ledger(69), RULES, TODAY, with_class, "ccnp", "ce", "price", margin_for(30), 2)
    assert {s.activity_id: s.finish for s in both.activities} == {"cls": near(2), "od": near(7)}


def test_too_late_says_when_the_cheapest_cover_could_finish() -> None:
    """Each item fits alone but not together: the plan gives the earliest finish and days late."""
    catalog = [activity("a", 5, 1, 16), activity("b", 5, 1, 16)]
    result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(10), 2)
    assert not result.feasible and result.shortfall is not None
    assert result.shortfall.earliest_finish == near(16) and result.shortfall.days_late == 6
    assert result.shortfall.credits_short is None
    assert "2026-06-17" in (result.reason or "") and "6 days late" in (result.reason or "")


def test_a_class_without_sessions_is_not_plannable() -> None:
    """An ILT listed without sessions is never planned as on demand, and the plan says so."""
    catalog = [activity("ilt", 10, 1, 8, (), "ilt"), activity("od", 10, 50, 8)]
    result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(30), 8)
    assert [s.activity_id for s in result.activities] == ["od"]
    assert result.unplannable == ("ilt",)


def test_pending_and_drafts_count_as_expected() -> None:
    """Pending credits and a submittable draft reduce what is planned; the draft is a step."""
    ledger = gap_ledger(
        60,
        claim("p", 6, "pending", completed=date(2026, 5, 1)),
        claim("d", 8, "draft", "a-draft", completed=date(2025, 9, 1)),
    )
    catalog = [activity("x", 6, 5, 4), activity("y", 20, 30, 4)]
    margin = margin_for(200)
    result = plan(ledger, RULES, TODAY, catalog, "ccnp", "ce", "price", margin, 8)
    assert (result.ce_missing, result.ce_pending, result.ce_drafts) == (20, 6, 8)
    assert result.ce_to_plan == 6 and [s.activity_id for s in result.activities] == ["x"]
    (submit,) = [s for s in result.steps if s.kind == "claim"]
    # The draft's claim window ends 2026-09-01, before the deadline.
    assert submit.claim_id == "d" and submit.date == date(2026, 9, 1)
    assert "by 2026-09-01" in submit.title
    assert result.if_rejected is not None and result.if_rejected.ce_to_plan == 12
    assert result.if_rejected.feasible and result.if_rejected.total_price == 30
    strict = plan(ledger, RULES, TODAY, catalog, "ccnp", "ce", "price", margin, 8, True)
    assert strict.ce_to_plan == 20 and not [s for s in strict.steps if s.kind == "claim"]
    assert strict.assumptions.expected == ("approved",) and strict.if_rejected is None


def test_a_draft_past_its_window_or_for_a_counted_id_is_not_expected() -> None:
    """A draft whose window closed, or whose catalog id an approved claim counts, adds nothing."""
    ledger = gap_ledger(
        60,
        claim("old", 8, "draft", completed=date(2025, 3, 1)),
        claim("ok", 2, "approved", "dup", completed=date(2026, 1, 1)),
        claim("dup", 8, "draft", "dup", completed=date(2026, 2, 1)),
    )
    result = plan(ledger, RULES, TODAY, [], "ccnp", "ce", "price", margin_for(100), 8)
    assert result.ce_drafts == 0 and result.ce_to_plan == 18


def test_exams_take_preparation_and_have_a_finish() -> None:
    """An exam step carries its preparation hours and finishes when they are done."""
    ledger = gap_ledger(79)
    result = plan(ledger, RULES, TODAY, [], "ccnp", "core", "hours", margin_for(100), 2)
    (exam,) = result.steps
    assert exam.kind == "exam" and exam.hours == 80 and exam.exam_kinds == ("core",)
    assert exam.date == EXPIRES and exam.finish == near(40)
    assert result.total_hours == 80 and result.finish_date == near(40)
    late = plan(ledger, RULES, TODAY, [], "ccnp", "core", "hours", margin_for(39), 2)
    assert not late.feasible and late.shortfall is not None and late.shortfall.days_late == 1


def test_by_hours_an_exam_no_longer_beats_courses() -> None:
    """16 h of courses beat one core exam (80 h of preparation) by hours."""
    catalog = [activity("c", 80, 100, 16)]
    plans = compare_options(
        Ledger(certifications=(ccnp(),)), RULES, TODAY, catalog, "ccnp", "hours", margin_for(300), 8
    )
    best = [p for p in plans if p.best]
    assert [p.option_id for p in best] == ["ce"]


def test_the_exam_kind_is_chosen_with_the_time() -> None:
    """With ce+exam, a concentration exam (40 h) is planned rather than a core (80 h)."""
    result = plan(gap_ledger(40), RULES, TODAY, [], "ccnp", "ce+exam", "price", margin_for(30), 2)
    (exam,) = result.steps
    assert exam.exam_kinds == ("concentration",) and result.total_price == 3


def test_rules_file_overrides_preparation_hours(tmp_path: Path) -> None:
    """A rules file may set the preparation hours; one missing a kind is refused."""
    data = shipped_rules_data()
    data["exam_preparation"] = {
        "hours": {"associate": 1, "concentration": 1, "core": 4, "expert-lab": 9}
    }
    file = tmp_path / "rules.json"
    file.write_text(json.dumps(data))
    rules = parse_rules(file.read_bytes(), str(file))
    result = plan(gap_ledger(79), rules, TODAY, [], "ccnp", "core", "price", margin_for(10), 2)
    assert result.feasible and result.total_hours == 4
    assert result.assumptions.exam_preparation_estimated
    del data["exam_preparation"]["hours"]["core"]
    file.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="no hours for core"):
        parse_rules(file.read_bytes(), str(file))


def test_expired_with_pending_credits_says_what_approval_restores() -> None:
    """docs/policy.md worked example 4: the pending 30 CE restore the CCIE from 2026-04-20
    once approved."""
    ccie = Certification(
        id="ccie", name="CCIE", level="expert", earned=date(2023, 5, 1), expires=date(2026, 5, 1)
    )
    ledger = Ledger(
        certifications=(ccie,),
        claims=(
            claim("a", 100, "approved", completed=date(2025, 1, 10)),
            claim("p", 30, "pending", completed=date(2026, 4, 20), submitted=date(2026, 4, 25)),
        ),
    )
    result = plan(ledger, RULES, date(2026, 11, 28), [], "ccie")
    assert not result.feasible and result.at_expiry is not None
    assert result.at_expiry.restores and result.at_expiry.recertified_on == date(2026, 4, 20)
    assert result.at_expiry.new_expires == date(2029, 4, 20)
    assert "restore it" in (result.reason or "") and "rejected" in (result.reason or "")
    short = Ledger(certifications=(ccie,), claims=ledger.claims[1:])
    other = plan(short, RULES, date(2026, 11, 28), [], "ccie")
    assert other.at_expiry is not None and not other.at_expiry.restores
    assert "do not restore it" in (other.reason or "")


def test_bad_arguments() -> None:
    """Unknown objective, negative margin and hours a day outside (0, 24] are refused."""
    ledger = gap_ledger()
    with pytest.raises(ValueError):
        plan(ledger, RULES, TODAY, [], "ccnp", objective="cheap")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        plan(ledger, RULES, TODAY, [], "ccnp", margin_days=-1)
    for bad in (0.0, -1.0, 24.5, math.inf, math.nan):
        with pytest.raises(ValueError, match="hours per day"):
            plan(ledger, RULES, TODAY, [], "ccnp", hours_per_day=bad)
    with pytest.raises(ValueError):
        plan(ledger, RULES, TODAY, [], "nope")
    with pytest.raises(ValueError):
        plan(ledger, RULES, TODAY, [], "ccnp", "nope")


def test_compare_marks_one_best_and_serialises() -> None:
    """compare_options marks exactly the best feasible option; the JSON carries the model."""
    plans = compare_options(gap_ledger(), RULES, TODAY, shipped_catalog(), "ccnp")
    assert sum(p.best for p in plans) == 1
    data = jsonable(plans)
    assert data[0]["assumptions"]["hours_per_day"] == 2.0
    assert data[0]["assumptions"]["expected"] == ["approved", "pending", "drafts"]


def test_authoring_is_never_planned() -> None:
    """Exam authoring is invitation-only: never part of a plan."""
    catalog = [activity("auth", 40, 0, 1, kind="authoring"), activity("od", 10, 90, 8)]
    result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(30), 8)
    assert [s.activity_id for s in result.activities] == ["od"]


# --- size ----------------------------------------------------------------------------------


def random_catalog(n: int, seed: int) -> list[Activity]:
    """A random catalog of `n` activities with whole credits, a third with sessions."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        credits = rnd.randint(1, 40)
        sessions = tuple(
            sorted({TODAY + timedelta(days=rnd.randint(1, 900)) for _ in range(rnd.randint(1, 3))})
        )
        out.append(
            activity(
                f"r{i:04d}",
                credits,
                Decimal(credits * rnd.randint(80, 120)) / 10,
                float(max(1, round(credits * rnd.uniform(0.8, 1.2)))),
                sessions if i % 3 == 0 else (),
                "ilt" if i % 3 == 0 else "elearning",
            )
        )
    return out


def test_large_catalog_is_fast() -> None:
    """2,000 activities with sessions, 120 CE missing: well under a second for either objective."""
    catalog = random_catalog(2000, 11)
    ledger = Ledger(
        certifications=(
            Certification(id="ccie", name="CCIE", level="expert", earned=date(2025, 6, 1)),
        )
    )
    for objective in ("price", "hours"):
        start = time.perf_counter()
        result = plan(ledger, RULES, TODAY, catalog, "ccie", objective=objective)
        elapsed = time.perf_counter() - start
        assert result.feasible and result.total_credits >= 120
        assert elapsed < 1.0, f"{objective}: {elapsed:.3f}s"


def test_a_search_cut_short_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """At the branch limit the plan is marked not exact, and without a set it says why."""
    catalog = [
        activity("slow1", 5, 1, 48),
        activity("slow2", 5, 1, 48),
        activity("quick", 10, 100, 16),
    ]
    complete = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(10), 8)
    assert complete.feasible and complete.exact
    monkeypatch.setattr(search, "MAX_BRANCHES", 1)
    cut = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(10), 8)
    assert not cut.feasible and not cut.exact and cut.shortfall is None
    assert "search stopped" in (cut.reason or "")
    monkeypatch.setattr(search, "MAX_BRANCHES", 3)
    some = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(10), 8)
    assert not some.exact
    if some.feasible:
        check_feasible(some, catalog, Fraction(8))


def test_cisco_live_sessions_share_a_day_and_a_cut_arrangement_keeps_the_search_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two Cisco Live sessions on one day leave four free days for 32 h at 8 h a day; when
    the arrangement of sessions is cut short, the search's own sessions are kept."""
    catalog = [
        activity("cl1", 5, 1, 8, (near(2),), "cisco-live"),
        activity("cl2", 3, 1, 8, (near(1), near(2)), "cisco-live"),
        activity("od", 2, 1, 32),
    ]
    for limit in (20_000, 0):
        monkeypatch.setattr(timing, "ARRANGE_LIMIT", limit)
        result = plan(gap_ledger(), RULES, TODAY, catalog, "ccnp", "ce", "price", margin_for(5), 8)
        assert result.feasible, (limit, result.reason)
        assert {s.activity_id: s.session for s in result.activities if s.session} == {
            "cl1": near(2),
            "cl2": near(2),
        }
        assert result.finish_date == near(5)
        check_feasible(result, catalog, Fraction(8))
