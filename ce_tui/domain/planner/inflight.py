"""Claims already in flight: drafts still worth submitting, and pending credits at expiry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ce_tui.domain.alerts import window_closes
from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.models import Claim, Ledger
from ce_tui.domain.planner.model import AtExpiry
from ce_tui.domain.rules import Rules


def in_cycle(claim: Claim, status: CertStatus) -> bool:
    """True when `claim` was completed in the certification's current cycle."""
    return status.cycle_start <= claim.completed <= status.expires


def claimed_ids(ledger: Ledger, status: CertStatus) -> set[str]:
    """Catalog ids done in the current cycle: approved, pending or drafted.

    Planning one again would add nothing (a catalog id counts once per cycle),
    and for a draft, submitting it is the cheaper step.
    """
    return {
        c.catalog_id
        for c in ledger.claims
        if c.catalog_id is not None
        and c.status in ("approved", "pending", "draft")
        and in_cycle(c, status)
    }


def submittable_drafts(
    ledger: Ledger, status: CertStatus, rules: Rules, today: date, deadline: date
) -> list[tuple[Claim, date]]:
    """Drafts that count once submitted in time, each with its submit-by date.

    A draft counts when it was completed in the cycle by `today`, its
    submit-by date (the earlier of the end of its claim window and the
    deadline) is today or later, and its catalog id (if any) is not already
    counted by an approved or pending claim of the cycle, nor by an earlier
    draft (by completion, then id). In order of submit-by date, then id.
    """
    counted = {
        c.catalog_id
        for c in ledger.claims
        if c.catalog_id is not None and c.status in ("approved", "pending") and in_cycle(c, status)
    }
    found: list[tuple[Claim, date]] = []
    drafts = sorted(
        (c for c in ledger.claims if c.status == "draft"), key=lambda c: (c.completed, c.id)
    )
    for draft in drafts:
        if not in_cycle(draft, status) or draft.completed > today:
            continue
        by = min(window_closes(draft, rules), deadline)
        if by < today:
            continue
        if draft.catalog_id is not None:
            if draft.catalog_id in counted:
                continue
            counted.add(draft.catalog_id)
        found.append((draft, by))
    found.sort(key=lambda pair: (pair[1], pair[0].id))
    return found


def at_expiry(ledger: Ledger, rules: Rules, today: date, status: CertStatus) -> AtExpiry | None:
    """What approving every pending claim would do for an expired certification, or None.

    None unless `status` is expired (not retired) with credits pending in the
    cycle that expired. The ledger is evaluated again with those claims approved.
    """
    if status.state != "expired" or status.retired or status.pending <= 0:
        return None
    approved = tuple(
        replace(c, status="approved") if c.status == "pending" else c for c in ledger.claims
    )
    after = evaluate(replace(ledger, claims=approved), rules, today).cert(status.id)
    restores = after is not None and after.state == "active"
    return AtExpiry(
        ce_pending=status.pending,
        restores=restores,
        recertified_on=after.renewed_on if restores and after is not None else None,
        new_expires=after.expires if restores and after is not None else None,
    )
