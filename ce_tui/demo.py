"""A realistic sample profile for `--demo`, snapshots and screenshots.

Every date is relative to the evaluation day, so the demo reads the same on any
day: an expert certification (CCDE) that expired 40 days ago with credits still
pending, a professional one expiring in about two months, a specialist that
recertified on its own, an associate renewed by three cascades, and a retired
one. Claims come in every status.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ce_tui.domain.schema import validate

if TYPE_CHECKING:
    from ce_tui.store import TinyDBStore

from ce_tui.domain.models import Certification, Claim, Exam, Ledger, Profile, add_years


def certification(cid: str, name: str, level: str, earned: date, **extra: object) -> Certification:
    """A sample certification earned on `earned` whose first term ends three years later."""
    return validate(
        Certification,
        {
            "id": cid,
            "name": name,
            "level": level,
            "earned": earned,
            "expires": add_years(earned, 3),
            **extra,
        },
    )


def demo_ledger(today: date) -> Ledger:
    """The demo profile as seen on `today`."""

    def ago(days: int) -> date:
        """The day `days` days before `today`."""
        return today - timedelta(days=days)

    cert = certification
    ccnp_earned = ago(1030)
    certs = (
        cert("ccde", "CCDE", "expert", ago(1135), path="ce"),
        cert("ccnp-sec", "CCNP Security", "professional", ccnp_earned, path="ce"),
        cert("spec-scor", "Cisco Certified Specialist - Security Core", "specialist", ccnp_earned),
        cert("ccna", "CCNA", "associate", ago(1826)),
        cert("ccda", "CCDA", "associate", ago(1000), retired=True),
    )
    exams = (
        Exam(id="ccna-200-301", code="200-301", name="CCNA", kind="associate", passed=ago(1827)),
        Exam(id="ccde-written", code="400-007", name="CCDE Written", kind="core", passed=ago(1200)),
        Exam(
            id="ccde-practical",
            code="CCDE",
            name="CCDE Practical",
            kind="expert-lab",
            passed=ago(1136),
        ),
    )

    def claim(
        cid: str,
        title: str,
        credits: int,
        done: int,
        sent: int | None,
        status: str,
        catalog_id: str | None = None,
    ) -> Claim:
        """A claim completed `done` days ago and submitted `sent` days ago (None: not yet)."""
        return validate(
            Claim,
            {
                "id": cid,
                "activity": title,
                "catalog_id": catalog_id,
                "credits": credits,
                "completed": ago(done),
                "submitted": ago(sent) if sent is not None else None,
                "status": status,
            },
        )

    claims = (
        claim("c1", "Implementing Cisco SD-WAN Solutions (ENSDWI)", 44, 1100, 1090, "approved"),
        claim(
            "c2",
            "Implementing and Configuring Cisco ISE (SISE)",
            40,
            700,
            690,
            "approved",
            "CSCO-SISE",
        ),
        claim("c3", "Secure Cloud and Network Analytics learning plan", 16, 300, 295, "approved"),
        claim("c4", "Securing the Web with Cisco WSA (SWSA)", 16, 50, 45, "pending", "CSCO-SWSA"),
        claim("c5", "Cisco Live: Zero Trust architecture breakout", 4, 340, None, "draft"),
        claim(
            "c6", "Designing Cisco Enterprise Networks (ENSLD)", 30, 60, 55, "pending", "CSCO-ENSLD"
        ),
        claim("c7", "Webinar: What's new in Secure Firewall", 2, 200, 190, "rejected"),
        claim("c8", "Cisco U. Network Automation Essentials", 16, 20, None, "draft"),
    )
    return Ledger(
        certifications=certs,
        exams=exams,
        claims=claims,
        profile=Profile(terms_accepted=ago(1200)),
    )


def demo_store(path: Path, today: date) -> TinyDBStore:
    """A store at `path` holding the demo profile as seen on `today` (for --demo and pictures)."""
    from ce_tui.store import TinyDBStore

    store = TinyDBStore(path)
    ledger = demo_ledger(today)
    store.update(lambda _old: ledger)
    return store
