"""`evaluate` pauses the garbage collector while it runs and leaves it as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from ce_tui.domain import engine
from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import Evaluation
from ce_tui.domain.rules import default_rules
from tests.domain.helpers import TODAY, cert, claim, ledger

RULES = default_rules()
LEDGER = ledger([cert("a", "associate", "2024-01-01")], [claim("x", 30, "2025-05-01")])


@pytest.fixture
def collector() -> Iterator[None]:
    """Restore the collector's state after the test, whatever happens."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collector_paused_then_enabled(collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """An enabled collector is paused while the ledger is evaluated, then enabled again."""
    gc.enable()
    during: list[bool] = []
    inner = engine._evaluate

    def spy(*args: Any) -> Evaluation:
        during.append(gc.isenabled())
        return inner(*args)

    monkeypatch.setattr(engine, "_evaluate", spy)
    result = evaluate(LEDGER, RULES, TODAY)
    assert during == [False]
    assert gc.isenabled()
    assert result.cert("a") is not None


def test_collector_left_disabled(collector: None) -> None:
    """A collector disabled by the caller stays disabled."""
    gc.disable()
    evaluate(LEDGER, RULES, TODAY)
    assert not gc.isenabled()


def test_collector_enabled_again_after_an_error(collector: None) -> None:
    """The collector is enabled again even when the evaluation fails."""
    gc.enable()
    with pytest.raises(AttributeError):
        evaluate(None, RULES, TODAY)  # type: ignore[arg-type]
    assert gc.isenabled()
