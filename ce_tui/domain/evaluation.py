"""The result of evaluating a ledger: per-certification status, alerts and history.

These are the engine's outputs, frozen dataclasses; `status --json` prints them
as they are (:func:`ce_tui.domain.schema.jsonable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ce_tui.domain.models import ExamKind, Level

Amount = Decimal
"""A credit total (:func:`ce_tui.domain.schema.jsonable` writes it as a JSON number)."""

State = Literal["upcoming", "active", "expired"]
"""Where a certification stands on the evaluation day (docs/policy.md section 6)."""

Badge = Literal["UPCOMING", "RETIRED", "EXPIRED", "EXPIRING", "ACTIVE"]
"""The word the app, `status` and `status --json` show for a certification's state."""

EXPIRING_DAYS = 90
"""An active certification expiring within this many days is EXPIRING (the first reminder)."""


def badge_of(state: State, retired: bool, days_left: int) -> Badge:
    """UPCOMING, RETIRED, EXPIRED, EXPIRING (within :data:`EXPIRING_DAYS`) or ACTIVE."""
    if state == "upcoming":
        return "UPCOMING"
    if retired:
        return "RETIRED"
    if state == "expired":
        return "EXPIRED"
    if days_left <= EXPIRING_DAYS:
        return "EXPIRING"
    return "ACTIVE"


@dataclass(frozen=True, slots=True, kw_only=True)
class OptionStatus:
    """One option of a certification's level, measured against its current cycle."""

    id: str
    label: str
    ce_required: int
    ce_approved: Amount
    ce_pending: Amount
    ce_missing: Amount
    exams_required: int
    exam_kinds: tuple[ExamKind, ...]
    exams_passed: tuple[str, ...]
    """Ids of the qualifying exams passed in the cycle."""
    exams_missing: int
    met: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class CertStatus:
    """A certification as the replay leaves it on the evaluation day."""

    id: str
    name: str
    level: Level
    retired: bool
    state: Literal["upcoming", "active", "expired"]
    badge: Badge
    """The state as shown (:func:`badge_of`): one vocabulary for the app and `status`."""
    earned: date
    cycle_start: date
    expires: date
    days_left: int
    """Days from the evaluation day to `expires` (negative once expired)."""
    renewed_on: date | None
    path: str
    required: int
    """CE credits of the path option (0 for an exam-only option)."""
    approved: Amount
    pending: Amount
    remaining: Amount
    exams_missing: int
    """Exams the path option still needs in this cycle."""
    options: tuple[OptionStatus, ...]

    @property
    def path_option(self) -> OptionStatus:
        """The status of the option the holder chose."""
        return next(o for o in self.options if o.id == self.path)


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEvent:
    """Something the replay found: an earning, a recertification or a renewal."""

    date: date
    certification: str
    event: Literal["earned", "recertified", "renewed"]
    by: str | None = None
    """The option id (recertified) or the certification whose cascade renewed it."""


Severity = Literal["critical", "warning", "info"]
"""How urgent an alert is."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """Something the person should act on."""

    kind: str
    severity: Severity
    certification: str | None = None
    claim: str | None = None
    due: date | None = None
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """Everything the engine derives from a ledger on one day."""

    today: date
    target: str | None
    certifications: tuple[CertStatus, ...]
    alerts: tuple[Alert, ...]
    history: tuple[HistoryEvent, ...]

    def cert(self, cert_id: str) -> CertStatus | None:
        """The status of one certification, or None."""
        return next((c for c in self.certifications if c.id == cert_id), None)

    @property
    def exit_code(self) -> int:
        """Monitoring-plugin status: 0 fine, 1 attention, 2 critical."""
        if any(a.severity == "critical" for a in self.alerts):
            return 2
        if any(a.severity == "warning" for a in self.alerts):
            return 1
        return 0
