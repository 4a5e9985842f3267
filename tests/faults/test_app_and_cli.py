"""The app and a command line writing to one store at once keep every record."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ce_tui.domain.models import Claim, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.domain.schema import validate
from ce_tui.services import Services
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from tests.tui.helpers import settle

pytestmark = pytest.mark.faults

N = 200

CLI_WRITER = """
import json, sys
from pathlib import Path
from ce_tui.cli import main
db, folder, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    doc = folder / f"cli-{i}.json"
    doc.write_text(json.dumps({"format": "ce-tui/1", "claims": [{
        "id": f"cli-{i}", "activity": f"Command line {i}", "credits": 1,
        "completed": "2026-01-01", "submitted": "2026-01-02", "status": "pending"}]}))
    code = main(["--db", db, "import", str(doc)])
    assert code == 0, code
print("done", flush=True)
"""


async def test_app_and_command_line_write_at_once(tmp_path: Path) -> None:
    """200 claims filed in the app while a command line imports 200: all 400 are kept."""
    db = tmp_path / "ce-tui.json"
    store = TinyDBStore(db, lock_timeout=30)
    store.update(lambda _: Ledger())
    services = Services(store, default_rules())
    app = CeApp(services, date(2026, 11, 28))
    child = subprocess.Popen(
        [sys.executable, "-c", CLI_WRITER, str(db), str(tmp_path), str(N)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        for i in range(N):
            claim = validate(
                Claim,
                {
                    "id": "new",
                    "activity": f"App {i}",
                    "credits": 1,
                    "completed": "2026-01-01",
                    "submitted": "2026-01-02",
                    "status": "pending",
                },
            )
            app.apply(f"add {i}", lambda c=claim: services.add_claim(c))
            if i % 20 == 0:
                await pilot.pause()
        await settle(pilot)
    _out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    ledger = TinyDBStore(db).load()
    titles = {c.activity for c in ledger.claims}
    assert {f"App {i}" for i in range(N)} <= titles
    assert {f"Command line {i}" for i in range(N)} <= titles
    assert len(ledger.claims) == 2 * N
    assert len({c.id for c in ledger.claims}) == 2 * N
    json.loads(db.read_text())
