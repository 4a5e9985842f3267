"""Fixtures of the store tests: a store file in a fresh folder and small ledgers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ce_tui.domain.models import Activity, Certification, Claim, Exam, Ledger, Profile
from ce_tui.store import TinyDBStore
from tests.store.helpers import make_claim


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where the store file goes (not created)."""
    return tmp_path / "data" / "ce-tui.json"


@pytest.fixture
def store(store_path: Path) -> TinyDBStore:
    """A store whose file does not exist yet; writers give up after half a second."""
    return TinyDBStore(store_path, lock_timeout=0.5)


@pytest.fixture
def sample_ledger() -> Ledger:
    """A ledger with a record of every kind, unicode text and a profile."""
    return Ledger(
        certifications=(
            Certification(
                id="cert1",
                name="CCNP Enterprise",
                level="professional",
                earned=date(2024, 3, 1),
                path="ce+exam",
            ),
            Certification(
                id="cert2",
                name="CCNA",
                level="associate",
                earned=date(2023, 5, 17),
                expires=date(2026, 5, 17),
                retired=True,
            ),
        ),
        exams=(Exam(id="e1", code="350-401", name="ENCOR", kind="core", passed=date(2024, 3, 1)),),
        claims=(
            make_claim(1),
            Claim(
                id="c2",
                activity="Réseaux — cours avancé ✓",
                catalog_id="my1",
                credits=Decimal("0.25"),
                completed=date(2025, 6, 1),
                status="draft",
            ),
        ),
        catalog=(
            Activity(
                id="my1",
                title="Réseaux — cours avancé ✓",
                provider="Cisco U.",
                type="elearning",
                technology="Enterprise",
                credits=Decimal(16),
                credits_estimated=True,
                hours=12.5,
                price_clc=Decimal(40),
                sessions=(date(2025, 6, 1), date(2025, 9, 1)),
            ),
        ),
        profile=Profile(terms_accepted=date(2024, 1, 1)),
    )


@pytest.fixture
def saved(store: TinyDBStore, sample_ledger: Ledger) -> bytes:
    """The sample ledger saved in the store; the file's bytes."""
    store.update(lambda _: sample_ledger)
    return store.path.read_bytes()
