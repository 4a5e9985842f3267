"""Alerts derived from an evaluation: what the person should act on, and by when.

Severities drive `ce-tui status`'s exit code: `critical` (2) for a certification
that expired in the last year or expires within 30 days with its path unmet;
`warning` (1) for one expiring within 90 days with its path unmet or a draft
claim whose window closes within 30 days; `info` for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from ce_tui.domain.evaluation import Alert, CertStatus
from ce_tui.domain.models import Claim
from ce_tui.domain.rules import Rules

REMINDER_DAYS = (7, 30, 60, 90)
"""Expiry reminders are given at these many days before expiry."""

SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


def credits_text(amount: Decimal | int) -> str:
    """Credits as a person writes them: 64, 12.5."""
    value = Decimal(amount)
    return str(int(value)) if value % 1 == 0 else format(value.normalize(), "f")


def window_closes(claim: Claim, rules: Rules) -> date:
    """The last day a claim for this completed activity may be submitted."""
    return claim.completed + timedelta(days=rules.claim_window_days)


def submit_by(
    claim: Claim, statuses: Sequence[CertStatus], rules: Rules
) -> tuple[date, CertStatus | None]:
    """The last day to submit `claim` so that it counts, and the certification that sets it.

    The claim window's last day, or, when earlier, the expiry of an active,
    non-retired certification whose current cycle the activity falls in (a
    claim submitted after that expiry does not count toward it). None: the
    window sets the day.
    """
    closes = window_closes(claim, rules)
    held = [
        s
        for s in statuses
        if s.state == "active"
        and not s.retired
        and s.cycle_start <= claim.completed <= s.expires < closes
    ]
    first = min(held, key=lambda s: (s.expires, s.id), default=None)
    return (first.expires, first) if first is not None else (closes, None)


def days_text(n: int) -> str:
    """'1 day', '5 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


def in_days(n: int) -> str:
    """'today', 'in 1 day', 'in 5 days'."""
    return "today" if n == 0 else f"in {days_text(n)}"


def _missing(status: CertStatus) -> str:
    """What the path option still needs, in words."""
    option = status.path_option
    parts = []
    if option.ce_missing:
        parts.append(f"{credits_text(option.ce_missing)} CE credits")
    if option.exams_missing:
        parts.append(f"{option.exams_missing} exam{'s' if option.exams_missing > 1 else ''}")
    return " and ".join(parts) or "nothing"


def _cert_alerts(status: CertStatus, today: date, target: str | None) -> list[Alert]:
    """Expiry reminders, expiry and surplus credits for one certification."""
    if status.retired or status.state == "upcoming":
        return []
    alerts: list[Alert] = []
    unmet = not status.path_option.met
    left = status.days_left
    if status.state == "active" and unmet and 0 <= left <= max(REMINDER_DAYS):
        reminder = min(d for d in REMINDER_DAYS if d >= left)
        alerts.append(
            Alert(
                kind=f"expiry-{reminder}",
                severity="critical" if left <= 30 else "warning",
                certification=status.id,
                due=status.expires,
                message=(
                    f"{status.name} expires {status.expires.isoformat()} "
                    f"({in_days(left)}): {_missing(status)} still needed "
                    f"for path {status.path}"
                ),
            )
        )
    if status.state == "expired" and 0 < -left <= 365:
        extra = (
            f"; {credits_text(status.pending)} CE pending at expiry still count once approved"
            if status.pending
            else "; the full exam process starts over"
        )
        alerts.append(
            Alert(
                kind="expired",
                severity="critical",
                certification=status.id,
                due=status.expires,
                message=(
                    f"{status.name} expired {status.expires.isoformat()} "
                    f"({days_text(-left)} ago){extra}"
                ),
            )
        )
    if status.id == target and status.required and status.approved < status.required:
        surplus = status.approved + status.pending - status.required
        if surplus > 0:
            alerts.append(
                Alert(
                    kind="surplus",
                    severity="info",
                    certification=status.id,
                    due=status.expires,
                    message=(
                        f"{status.name}: once the pending claims are approved, "
                        f"{credits_text(surplus)} CE beyond the {status.required} needed "
                        "will be used up by the recertification"
                    ),
                )
            )
    return alerts


def _claim_alerts(claim: Claim, rules: Rules, today: date) -> list[Alert]:
    """Claim-window and stale-pending alerts for one claim."""
    if claim.status == "draft":
        closes = window_closes(claim, rules)
        left = (closes - today).days
        if 0 <= left <= 30:
            return [
                Alert(
                    kind="draft-window",
                    severity="warning",
                    claim=claim.id,
                    due=closes,
                    message=(
                        f'draft claim "{claim.activity}": submit by {closes.isoformat()} '
                        f"({in_days(left)})"
                    ),
                )
            ]
        if left < 0:
            return [
                Alert(
                    kind="draft-window-closed",
                    severity="info",
                    claim=claim.id,
                    due=closes,
                    message=(
                        f'draft claim "{claim.activity}": its window closed '
                        f"{closes.isoformat()}; it can no longer be submitted"
                    ),
                )
            ]
    if claim.status == "pending" and claim.submitted is not None:
        age = (today - claim.submitted).days
        if age > 30:
            return [
                Alert(
                    kind="pending-old",
                    severity="info",
                    claim=claim.id,
                    due=None,
                    message=(
                        f'claim "{claim.activity}" has been pending for {days_text(age)} '
                        f"(submitted {claim.submitted.isoformat()})"
                    ),
                )
            ]
    return []


GROUP_OVER = 3
"""More claim alerts of one kind than this are reported as one summary alert."""

_SUMMARY = {
    "draft-window": "{n} draft claims must be submitted within 30 days; the first by {due}",
    "draft-window-closed": "{n} draft claims can no longer be submitted: their windows closed",
    "pending-old": "{n} claims have been pending for more than 30 days",
    "repeated-activity": "{n} claims repeat an activity already claimed in the cycle; "
    "they add no credit",
}
"""The summary message of each claim alert kind."""


def _grouped(alerts: list[Alert]) -> list[Alert]:
    """Replace many claim alerts of one kind by one summary, so a long career stays readable."""
    by_kind: dict[str, list[Alert]] = {}
    for alert in alerts:
        if alert.claim is not None and alert.kind in _SUMMARY:
            by_kind.setdefault(alert.kind, []).append(alert)
    crowded = {kind for kind, group in by_kind.items() if len(group) > GROUP_OVER}
    if not crowded:
        return alerts
    kept = [a for a in alerts if a.kind not in crowded or a.claim is None]
    for kind in sorted(crowded):
        group = by_kind[kind]
        dues = [a.due for a in group if a.due is not None]
        due = min(dues) if dues else None
        kept.append(
            Alert(
                kind=kind,
                severity=group[0].severity,
                due=due,
                message=_SUMMARY[kind].format(n=len(group), due=due.isoformat() if due else "-"),
            )
        )
    return kept


def compute_alerts(
    claims: Iterable[Claim],
    rules: Rules,
    today: date,
    statuses: Sequence[CertStatus],
    repeated: Mapping[str, Sequence[Claim]],
    target: str | None = None,
) -> list[Alert]:
    """Every alert for the evaluation day, most urgent first.

    `claims` are the claims to look at for claim alerts: any claims, in the
    ledger's order; only draft and pending ones raise any, so the engine passes
    just those. Surplus credits are reported for the target only: credits are
    presented as working toward it.
    """
    alerts: list[Alert] = []
    for status in statuses:
        alerts.extend(_cert_alerts(status, today, target))
    for claim in claims:
        alerts.extend(_claim_alerts(claim, rules, today))
    names = {s.id: s.name for s in statuses}
    reported: set[str] = set()
    for cert_id, claims in repeated.items():
        for claim in claims:
            if claim.id in reported:
                continue
            reported.add(claim.id)
            alerts.append(
                Alert(
                    kind="repeated-activity",
                    severity="info",
                    certification=cert_id,
                    claim=claim.id,
                    message=(
                        f'claim "{claim.activity}": {claim.catalog_id} was already claimed '
                        f"in this cycle of {names.get(cert_id, cert_id)}; it adds no credit"
                    ),
                )
            )
    alerts = _grouped(alerts)
    alerts.sort(
        key=lambda a: (
            SEVERITY_ORDER[a.severity],
            a.due or date.max,
            a.kind,
            a.certification or "",
            a.claim or "",
        )
    )
    return alerts
