"""`y` copies through the terminal: the claim's portal fields, the plan as text.

The first test runs the real command in a pseudo-terminal and reads the OSC 52
escape sequence it writes; the others drive the app with Pilot.
"""

from __future__ import annotations

import base64
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ce_tui.domain.models import Ledger
from ce_tui.portal import portal_text
from tests.tui.conftest import MakeApp
from tests.tui.helpers import claim, settle

OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")
"""The clipboard escape sequence: base64 text between `ESC ] 52 ; c ;` and BEL."""


def _read_until(fd: int, pattern: re.Pattern[bytes], seen: bytearray, timeout: float) -> bytes:
    """Read the terminal until `pattern` appears in everything read; the match's first group."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = pattern.search(seen)
        if found:
            return found.group(1)
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen.extend(os.read(fd, 65536))
            except OSError:
                break
    raise AssertionError(f"not seen on the terminal: {pattern.pattern!r}")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_y_on_a_claim_writes_osc52_with_the_portal_fields(tmp_path: Path) -> None:
    import pty

    sheet = tmp_path / "claims.csv"
    sheet.write_text(
        "title,catalog id,credits,completed,submitted,status\n"
        "Implementing Cisco SD-WAN Solutions (ENSDWI),CLN-ENSDWI,40,2026-05-01,2026-05-03,"
        "approved\n",
        "utf-8",
    )
    db = tmp_path / "ce.json"
    base = [sys.executable, "-m", "ce_tui", "--db", str(db), "--today", "2026-11-28"]
    subprocess.run([*base, "import", "--csv", str(sheet)], check=True, capture_output=True)
    main, child = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen(base, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    seen = bytearray()
    try:
        _read_until(main, re.compile(rb"(Progress)"), seen, 20)
        os.write(main, b"4")
        _read_until(main, re.compile(rb"(ENSDWI)"), seen, 20)
        os.write(main, b"y")
        encoded = _read_until(main, OSC52, seen, 20)
        assert base64.b64decode(encoded).decode("utf-8") == (
            "Title: Implementing Cisco SD-WAN Solutions (ENSDWI)\n"
            "Catalog id: CLN-ENSDWI\n"
            "Completion date: 2026-05-01\n"
            "Credits: 40\n"
        )
        os.write(main, b"q")
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)


async def test_y_copies_the_highlighted_claim_and_says_so(make_app: MakeApp) -> None:
    item = claim("c1", "ENCOR e-learning", catalog_id="CLN-ENCOR", credits=64)
    app = make_app(Ledger(claims=(item,)))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == portal_text(item)
        assert "Catalog id: CLN-ENCOR\n" in app.clipboard
        await pilot.pause(0.3)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("Copied for the CE portal" in t and "ENCOR e-learning" in t for t in toasts)


async def test_y_on_the_plan_copies_its_text(make_app: MakeApp) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        for _ in range(50):
            await pilot.pause(0.1)
            if app.screen.plan is not None:  # type: ignore[attr-defined]
                break
        await pilot.press("y")
        await settle(pilot)
        plan = app.screen.plan  # type: ignore[attr-defined]
        assert plan is not None
        assert app.clipboard.startswith(app.screen.current().name)  # type: ignore[attr-defined]
        assert f"option {plan.option_id}" in app.clipboard or plan.option_label in app.clipboard
