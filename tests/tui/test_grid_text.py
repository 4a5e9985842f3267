"""GridText draws its rows exactly as the Rich grid it replaces: the same segments and styles."""

from __future__ import annotations

import random

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ce_tui.tui.widgets.grid_text import GridRow, GridText, grid_table
from tests.tui.helpers import settle

WORDS = [
    "CCDE",
    "expired",
    "2026-10-20",
    "(39",
    "days",
    "ago);",
    "a",
    "Supercalifragilisticexpialidocious-and-then-some",
    "数据中心",
    "",
    "Cisco",
    '"Zero',
    'Trust"',
    "…",
    "é",
]
"""Words of the random texts: short, long, wide, empty."""


def random_text(rng: random.Random) -> Text:
    """A text of up to 25 words, sometimes two lines, padded or partly restyled."""
    plain = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25)))
    if rng.random() < 0.1:
        plain += "\n" + " ".join(rng.choice(WORDS) for _ in range(3))
    if rng.random() < 0.1:
        plain = f"  {plain}   "
    text = Text(plain, style=rng.choice(["", "bold", "italic", "bold red", "cyan"]))
    if plain and rng.random() < 0.3:
        text.stylize("bold yellow", 0, rng.randint(1, 10))
    return text


def random_rows(rng: random.Random) -> list[GridRow]:
    """One to six rows, the first column a short word or date."""
    return [
        (
            Text(rng.choice(["CRIT", "INFO", "2024-12-28", ""]), style=rng.choice(["", "cyan"])),
            random_text(rng),
        )
        for _ in range(rng.randint(1, 6))
    ]


def drawn(widget: Widget) -> list[list[tuple[str, Style | None]]]:
    """What `widget` draws: each line's segments as (text, style)."""
    width, height = widget.size
    strips: list[Strip] = widget.render_lines(Region(0, 0, width, height))
    return [
        [
            (
                segment.text,
                segment.style,
            )
            for segment in strip
        ]
        for strip in strips
    ]


class Holder(App[None]):
    """An app with a box to mount both drawings in."""

    def compose(self) -> ComposeResult:
        """The box."""
        yield Vertical()


async def test_grid_text_draws_like_the_rich_grid() -> None:
    """Random rows at widths from 3 to 90 cells: the same lines, segments and styles."""
    rng = random.Random(2026)
    app = Holder()
    async with app.run_test(size=(120, 80)) as pilot:
        box = app.query_one(Vertical)
        for _ in range(60):
            rows = random_rows(rng)
            width = rng.choice([3, 5, 8, 12, 20, 33, 45, 60, 90])
            grid, text = Static(grid_table(rows)), GridText(rows, id="rows")
            grid.styles.width = text.styles.width = width
            await box.remove_children()
            await box.mount(grid, text)
            await settle(pilot)
            assert text.size == grid.size, rows
            assert drawn(text) == drawn(grid), (width, rows)
