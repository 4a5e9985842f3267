"""Realistic ledgers of any size for the benchmarks, saved through the real store.

One engineer's history over about 12 years: certifications at every level
(one retired), the exams that earned them, and `n` CE claims. Claim titles and
credits come from the shipped catalog and from typical Cisco Live sessions,
webinars and Cisco U. paths; most claims are approved, a few were rejected,
recent ones are pending or still drafts. Multi-day courses are only as many as
a calendar allows, so large histories are mostly Cisco Live sessions and
webinars. Every record passes the app's own validation (the store refuses
anything else), and the same `n` always gives the same ledger.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from ce_tui.demo import certification
from ce_tui.domain.catalog import shipped_catalog
from ce_tui.domain.models import (
    Activity,
    Certification,
    Claim,
    Exam,
    Ledger,
    Profile,
)
from ce_tui.domain.schema import dump, validate
from ce_tui.store import TinyDBStore

TODAY = date(2026, 11, 28)
"""The evaluation day of every benchmark (passed as `--today`)."""

FIRST_DAY = date(2014, 12, 1)
"""The earliest activity of the history."""

SESSION_TOPICS = (
    "SD-Access fabric design",
    "Troubleshooting BGP in the enterprise",
    "Zero Trust with Cisco ISE",
    "Catalyst 9000 programmability",
    "Segment routing deep dive",
    "Secure Firewall threat defense",
    "ACI multi-site operations",
    "Webex Calling architecture",
    "NetDevOps pipelines with pyATS",
    "Wi-Fi 7 design essentials",
    "Splunk for network operations",
    "ThousandEyes end-to-end visibility",
)
"""Topics of Cisco Live breakouts and webinars."""

TECH_TRACKS = ("ENS", "SEC", "DCN", "COL", "SPL", "DEV", "CYB", "WRL")
"""Track codes of Cisco Live session ids."""


def certifications() -> tuple[Certification, ...]:
    """A career's certifications: associate to expert, a specialist and a retired one."""

    def cert(
        cid: str, name: str, level: str, earned: date, path: str | None = None, **extra: object
    ) -> Certification:
        return certification(cid, name, level, earned, path=path, **extra)

    return (
        cert("ccna", "CCNA", "associate", date(2014, 11, 20)),
        cert("ccda", "CCDA", "associate", date(2015, 6, 2), retired=True),
        cert("ccnp-ent", "CCNP Enterprise", "professional", date(2017, 4, 11), "ce+exam"),
        cert("spec-sdwan", "Cisco Certified Specialist - Enterprise SD-WAN", "specialist",
             date(2021, 9, 30)),
        cert("ccnp-sec", "CCNP Security", "professional", date(2022, 2, 14), "ce"),
        cert("ccie-ent", "CCIE Enterprise Infrastructure", "expert", date(2023, 8, 22), "ce"),
        cert("devnet-assoc", "Cisco Certified DevNet Associate", "associate", date(2024, 3, 5)),
    )  # fmt: skip


def exams() -> tuple[Exam, ...]:
    """The exams that earned those certifications, and a few since."""
    rows = (
        ("ex-200-125", "200-125", "CCNA Routing and Switching", "associate", date(2014, 11, 20)),
        ("ex-200-310", "200-310", "Designing for Cisco Internetwork Solutions", "associate",
         date(2015, 6, 2)),
        ("ex-350-401", "350-401", "ENCOR", "core", date(2017, 4, 11)),
        ("ex-300-410", "300-410", "ENARSI", "concentration", date(2018, 1, 19)),
        ("ex-300-415", "300-415", "ENSDWI", "concentration", date(2021, 9, 30)),
        ("ex-350-701", "350-701", "SCOR", "core", date(2022, 2, 14)),
        ("ex-300-710", "300-710", "SNCF", "concentration", date(2022, 2, 14)),
        ("ex-ccie-lab", "CCIE-EI", "CCIE Enterprise Infrastructure Lab", "expert-lab",
         date(2023, 8, 22)),
        ("ex-200-901", "200-901", "DEVASC", "associate", date(2024, 3, 5)),
        ("ex-350-401-b", "350-401", "ENCOR (recertification)", "core", date(2025, 10, 7)),
    )  # fmt: skip
    return tuple(
        validate(Exam, {"id": i, "code": c, "name": n, "kind": k, "passed": p})
        for i, c, n, k, p in rows
    )


def own_activities(count: int = 12) -> tuple[Activity, ...]:
    """A few activities of the user's own, as added in the Catalog screen."""
    rnd = random.Random(7)
    return tuple(
        validate(
            Activity,
            {
                "id": f"my{n}",
                "title": f"Partner bootcamp: {SESSION_TOPICS[n % len(SESSION_TOPICS)]}",
                "provider": "Local training partner",
                "type": "ilt",
                "technology": "Enterprise",
                "credits": rnd.choice((8, 16, 24, 32)),
                "credits_estimated": True,
                "hours": 16,
                "price_clc": rnd.choice((None, 20, 35)),
                "sessions": [TODAY + timedelta(days=30 * (n + 1))],
            },
        )
        for n in range(count)
    )


COURSES_PER_YEAR = 4
"""Multi-day courses a person can fit in a year (at most; fewer in a small history)."""

PATHS_PER_YEAR = 6
"""Cisco U. learning paths (a day or two each) a person can fit in a year."""


def kinds(n: int, rnd: random.Random, calendar: bool = True) -> list[str]:
    """What each of `n` claims is, in a random order.

    A quarter are courses and a tenth learning paths, as far as a calendar
    allows (courses take days: a 10,000-claim history cannot hold 2,500 of
    them in 12 years); the rest are Cisco Live sessions and webinars, three to
    one. Without `calendar`, the quarter and the tenth are kept at any size
    (a worst case: far more credits, so far more recertifications).
    """
    years = (TODAY - FIRST_DAY).days / 365 if calendar else n
    courses = min(round(n * 0.25), round(COURSES_PER_YEAR * years))
    paths = min(round(n * 0.10), round(PATHS_PER_YEAR * years))
    webinars = (n - courses - paths) // 4
    sessions = n - courses - paths - webinars
    out = ["course"] * courses + ["path"] * paths + ["webinar"] * webinars + ["live"] * sessions
    rnd.shuffle(out)
    return out


def claims(n: int, seed: int = 2026, calendar: bool = True) -> tuple[Claim, ...]:
    """`n` claims spread over the history, oldest first (ids c1, c2, ...); see `kinds`."""
    rnd = random.Random(seed)
    catalog = [a for a in shipped_catalog() if a.credits <= 80]
    span = (TODAY - FIRST_DAY).days
    days = sorted(rnd.randint(0, span) for _ in range(n))
    used: set[str] = set()
    out: list[Claim] = []
    what = kinds(n, rnd, calendar)
    for number, (offset, kind) in enumerate(zip(days, what, strict=True), start=1):
        completed = FIRST_DAY + timedelta(days=offset)
        age = (TODAY - completed).days
        catalog_id: str | None = None
        credits: Decimal | int | float
        if kind == "course":
            activity = rnd.choice(catalog)
            title = activity.title
            credits = activity.credits
            if activity.id not in used:
                # Each shipped course is taken once; later runs are other editions.
                catalog_id = activity.id
                used.add(activity.id)
        elif kind == "live":
            track = rnd.choice(TECH_TRACKS)
            topic = rnd.choice(SESSION_TOPICS)
            title = f"Cisco Live {completed.year}: {topic} (BRK{track}-{rnd.randint(1000, 3999)})"
            catalog_id = f"CL{completed.year}-{track}-{number}"
            credits = rnd.choice((1, 1.5, 2, 2, 4))
        elif kind == "webinar":
            title = f"Webinar: {rnd.choice(SESSION_TOPICS)}"
            credits = rnd.choice((0.5, 1, 1.25, 2))
        else:
            title = f"Cisco U. learning path: {rnd.choice(SESSION_TOPICS)}"
            credits = rnd.choice((8, 12.5, 16, 24))
        status, submitted = _status(rnd, completed, age)
        out.append(
            validate(
                Claim,
                {
                    "id": f"c{number}",
                    "activity": title,
                    "catalog_id": catalog_id,
                    "credits": credits,
                    "completed": completed,
                    "submitted": submitted,
                    "status": status,
                },
            )
        )
    return tuple(out)


def _status(rnd: random.Random, completed: date, age: int) -> tuple[str, date | None]:
    """A plausible status and submission day for a claim completed `age` days ago."""
    if age <= 60 and rnd.random() < 0.5:
        return "draft", None
    submitted = completed + timedelta(days=min(age, rnd.randint(0, 40)))
    if (TODAY - submitted).days <= 45 and rnd.random() < 0.7:
        return "pending", submitted
    return ("rejected" if rnd.random() < 0.03 else "approved"), submitted


def ledger(n: int, calendar: bool = True) -> Ledger:
    """A whole history with `n` claims (see `kinds` for `calendar`)."""
    return Ledger(
        certifications=certifications(),
        exams=exams(),
        claims=claims(n, calendar=calendar),
        catalog=own_activities(),
        profile=Profile(terms_accepted=date(2014, 11, 20)),
    )


def build_store(path: Path, n: int) -> Path:
    """Write a store of `n` claims at `path` through the real TinyDB store; returns `path`."""
    path.unlink(missing_ok=True)
    data = ledger(n)
    TinyDBStore(path).update(lambda _old: data)
    return path


def catalog(n: int, seed: int = 11) -> tuple[Activity, ...]:
    """A catalog of `n` activities: the shipped ones and other editions of them.

    Editions differ by provider price, hours and upcoming sessions, as the
    same course sold by several training partners does.
    """
    rnd = random.Random(seed)
    shipped = shipped_catalog()
    out: list[Activity] = list(shipped[:n])
    number = 0
    while len(out) < n:
        base = shipped[number % len(shipped)]
        number += 1
        data = dump(base)
        price = base.price_clc if base.price_clc is not None else Decimal(rnd.randint(5, 60))
        sessions = sorted(
            {TODAY + timedelta(days=rnd.randint(7, 700)) for _ in range(rnd.randint(0, 4))}
        )
        data.update(
            id=f"{base.id}-ED{number}",
            provider=rnd.choice(("Fast Lane", "Global Knowledge", "NIL", "Koenig", "Skillsoft")),
            price_clc=(price * Decimal(rnd.randint(80, 125)) / 100).quantize(Decimal("0.01")),
            price_estimated=True,
            hours=max(1.0, round(base.hours * rnd.uniform(0.8, 1.2))),
            sessions=sessions if base.type in ("ilt", "vilt", "cisco-live") else [],
        )
        out.append(validate(Activity, data))
    return tuple(out)
