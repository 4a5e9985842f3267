"""The recertification planner: the best set of catalog activities that closes a CE gap in time.

For one certification and one option of its level, the planner finds the set
of catalog activities (and the kinds of the exams the option needs) that a
person can actually do before the deadline (the expiry minus a margin) under
the time model of :mod:`.timing`, and that minimises, lexicographically,

* objective ``"price"``: total CLC price (exams at their estimated list
  price), then the number of activities with an unknown price (they count as
  0), then total hours (exam preparation included), then the number of
  activities and exams;
* objective ``"hours"``: total hours, then price, then unknown prices, then
  the number of activities and exams.

The deadline comes first: only when no set fits is the plan infeasible, and
then it says by how much (:class:`~.model.Shortfall`). Claims in flight count
as expected unless the plan is approved-only: pending credits, and drafts that
can still be submitted in time (each a step "submit claim X by D").

The package is split by concern: :mod:`.knapsack` (the exact covering knapsack),
:mod:`.timing` (the time model), :mod:`.search` (the exact search under it),
:mod:`.inflight` (drafts and pending claims), :mod:`.assembly` (candidates,
exams and steps), :mod:`.plans` (the entry points) and :mod:`.model` (what a
plan is). Pure: no I/O, no Textual, no TinyDB, no clock.
"""

from ce_tui.domain.planner.assembly import EXAM_PRICE_CLC, UNPLANNED_TYPES, exam_price
from ce_tui.domain.planner.knapsack import cover
from ce_tui.domain.planner.model import (
    OBJECTIVES,
    Assumptions,
    AtExpiry,
    IfRejected,
    Objective,
    Plan,
    PlanStep,
    Shortfall,
    rank_key,
)
from ce_tui.domain.planner.plans import (
    DEFAULT_HOURS_PER_DAY,
    MAX_HOURS_PER_DAY,
    compare_options,
    plan,
)
from ce_tui.domain.planner.timing import CLASS_DAY_HOURS, CLASS_TYPES

__all__ = [
    "CLASS_DAY_HOURS",
    "CLASS_TYPES",
    "DEFAULT_HOURS_PER_DAY",
    "EXAM_PRICE_CLC",
    "MAX_HOURS_PER_DAY",
    "OBJECTIVES",
    "UNPLANNED_TYPES",
    "Assumptions",
    "AtExpiry",
    "IfRejected",
    "Objective",
    "Plan",
    "PlanStep",
    "Shortfall",
    "compare_options",
    "cover",
    "exam_price",
    "plan",
    "rank_key",
]
