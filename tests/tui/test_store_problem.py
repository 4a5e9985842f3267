"""A refused store opens a screen saying why, not the app and not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ce_tui.domain.rules import default_rules
from ce_tui.domain.text import safe_lines
from ce_tui.store import StoreError, TinyDBStore
from ce_tui.tui.problem import StoreProblemApp


def refused_message(tmp_path: Path) -> str:
    """The message of a store whose certification follows a path the rules lack."""
    path = tmp_path / "ce-tui.json"
    cert = {"id": "x", "name": "CCNA", "level": "associate", "earned": "2025-01-01"}
    path.write_text(
        json.dumps({"meta": {"1": {"schema": 1}}, "certifications": {"1": dict(cert, path="lab")}})
    )
    with pytest.raises(StoreError) as caught:
        TinyDBStore(path, rules=default_rules()).load()
    return safe_lines(caught.value)


async def test_the_problem_is_shown_and_q_leaves_with_status_3(tmp_path: Path) -> None:
    message = refused_message(tmp_path)
    app = StoreProblemApp(message)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = str(app.query_one("#problem").render())
        assert "path 'lab' is not an option of the associate level" in shown
        assert "Nothing was changed" in shown
        await pilot.press("q")
    assert app.return_code == 3
