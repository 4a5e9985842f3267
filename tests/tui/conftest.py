"""Fixtures of the TUI tests: a temporary store, its services, a fixed day, an app factory.

Every test gets its own `TinyDBStore` in `tmp_path`, the shipped rules and the
evaluation day `TODAY`. `make_app(ledger=None, demo=False)` writes `ledger`
to that store (with `demo=True` and no ledger: the demo profile) and returns
a `CeApp` on it, not yet running; drive it with `app.run_test(size=...)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ce_tui.demo import demo_ledger
from ce_tui.domain.models import Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.services import Services
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp

TODAY = date(2026, 11, 28)
"""The evaluation day of every TUI test."""

MakeApp = Callable[..., CeApp]
"""`make_app(ledger=None, demo=False) -> CeApp`."""


@pytest.fixture
def today() -> date:
    """The fixed evaluation day."""
    return TODAY


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where the test's store file lives."""
    return tmp_path / "ce-tui.json"


@pytest.fixture
def store(store_path: Path) -> TinyDBStore:
    """A real, empty TinyDB store on a temporary file."""
    return TinyDBStore(store_path)


@pytest.fixture
def services(store: TinyDBStore) -> Services:
    """The services on the temporary store under the shipped rules."""
    return Services(store, default_rules())


@pytest.fixture
def make_app(services: Services, today: date) -> MakeApp:
    """Build a `CeApp` on the temporary store, holding `ledger` (or the demo profile)."""

    def make(ledger: Ledger | None = None, demo: bool = False) -> CeApp:
        """Store `ledger` (or the demo profile) and build the app on it."""
        data = demo_ledger(today) if ledger is None and demo else ledger
        if data is not None:
            services.store.update(lambda _old: data)
        return CeApp(services, today, demo=demo)

    return make
