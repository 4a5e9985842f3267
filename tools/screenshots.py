"""Write one SVG per screen to screenshots/, from the demo profile on a fixed date.

Run: .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

from ce_tui.demo import demo_store
from ce_tui.domain.rules import default_rules
from ce_tui.services import Services
from ce_tui.tui.app import CeApp

TODAY = date(2026, 11, 28)
"""The day every screenshot is taken on."""

SIZE = (120, 40)
"""Terminal size of the screenshots."""

SHOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("progress", ()),
    ("path", ("2",)),
    ("catalog", ("3",)),
    ("claims", ("4",)),
    ("plan", ("5",)),
    ("help", ("?",)),
)
"""(file name, keys pressed after start-up) of each screenshot."""


async def shoot(name: str, keys: tuple[str, ...], out: Path) -> Path:
    """Run the app on a fresh demo store, press `keys`, save the screen as SVG."""
    with tempfile.TemporaryDirectory() as folder:
        store = demo_store(Path(folder) / "demo.json", TODAY)
        app = CeApp(Services(store, default_rules()), TODAY, demo=True)
        async with app.run_test(size=SIZE) as pilot:
            for key in keys:
                await pilot.press(key)
            await pilot.pause(0.5)
            if name == "plan" and app.current_mode != "plan":
                return out / "skipped"
            svg = app.export_screenshot(title=f"ce-tui {name}")
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


async def main() -> int:
    """Take every screenshot."""
    out = Path(__file__).resolve().parent.parent / "screenshots"
    out.mkdir(exist_ok=True)
    for name, keys in SHOTS:
        path = await shoot(name, keys, out)
        print(f"{name}: {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
