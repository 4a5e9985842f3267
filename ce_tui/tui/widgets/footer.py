"""The key line at the foot of every screen: whole labels only, fitted to the width.

Built from the screen's active bindings (public Textual API: `active_bindings`
and the `bindings_updated_signal`), it is one line of text redrawn only when the
keys change. It never cuts a label: when the keys do not fit, the screen
switches `1`-`5` share one entry ("1-5 Screens"), then the gaps narrow, then
the screen's last keys give way, whole (the screen switches, undo and help
stay), and help becomes "? more" (it lists them all). A key the screen has
disabled is drawn dim; a click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

PALETTE = "^p palette"
"""The command palette's pointer, at the right end."""
SCREEN_KEYS = ("1", "2", "3", "4", "5")
"""The app's screen switches, shown as one entry when space is short."""
HELP_KEY = "question_mark"
"""The help key: it lists every key, so it stays when others give way."""
KEPT_KEYS = (SCREEN_KEYS[0], "ctrl+z", HELP_KEY)
"""Entries that never give way: the screen switches, undo and help."""


@dataclass(frozen=True)
class FooterKey:
    """One entry of the footer: what is drawn for it and the key a click presses."""

    key: str
    """The key pressed when the entry is clicked."""
    display: str
    """The key as drawn."""
    label: str
    """What the key does, in a word or two."""
    enabled: bool
    """False: drawn dim (the screen has disabled it for now)."""

    @property
    def width(self) -> int:
        """Cells taken by the entry."""
        return len(self.display) + (1 + len(self.label) if self.label else 0)


def footer_keys(bindings: list[tuple[Binding, bool]], display: dict[str, str]) -> list[FooterKey]:
    """The entries for `bindings` ((binding, enabled), in screen order), one per action.

    Bindings of one group share an entry named after the group ("[ ] Cert").
    `display` gives each binding's key as drawn.
    """
    entries: list[FooterKey] = []
    seen: set[str] = set()
    groups: dict[str, int] = {}
    for binding, enabled in bindings:
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        shown = display.get(binding.key, binding.key)
        group = binding.group
        if group is not None and group.description in groups:
            index = groups[group.description]
            old = entries[index]
            entries[index] = FooterKey(old.key, f"{old.display} {shown}", old.label, old.enabled)
            continue
        if group is not None:
            groups[group.description] = len(entries)
        label = group.description if group is not None else binding.description
        entries.append(FooterKey(binding.key, shown, label, enabled))
    return entries


def fit(entries: list[FooterKey], width: int) -> tuple[list[FooterKey], int]:
    """The entries that fit in `width` cells and the gap between them (whole labels only)."""
    if total(entries, 2) <= width:
        return entries, 2
    screens = [e for e in entries if e.key in SCREEN_KEYS]
    if len(screens) > 1:
        first = entries.index(screens[0])
        merged = FooterKey(screens[0].key, f"{screens[0].key}-{screens[-1].key}", "Screens", True)
        rest = [e for e in entries if e.key not in SCREEN_KEYS]
        entries = [*rest[:first], merged, *rest[first:]]
    for gap in (2, 1):
        if total(entries, gap) <= width:
            return entries, gap
    more = FooterKey(HELP_KEY, "?", "more", True)
    kept = [more if e.key == HELP_KEY else e for e in entries]
    if more not in kept:
        kept.append(more)
    while total(kept, 1) > width:
        drop = next((e for e in reversed(kept) if e.key not in KEPT_KEYS), None)
        if drop is None:
            break
        kept.remove(drop)
    return kept, 1


def total(entries: list[FooterKey], gap: int) -> int:
    """Cells taken by `entries` with `gap` spaces between them."""
    return sum(e.width for e in entries) + gap * max(0, len(entries) - 1)


class KeyFooter(Static):
    """The screen's keys on one line, redrawn only when they change."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        """An empty line until the screen's bindings are known."""
        super().__init__("", markup=False)
        self.shown: list[FooterKey] = []
        """The entries drawn now."""
        self.gap = 2
        """Spaces between the entries drawn now."""
        self._drawn: tuple[object, ...] | None = None
        """What the line was last drawn from (keys and width)."""

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.call_after_refresh(self.bindings_changed)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, _event: events.Resize) -> None:
        """Fit the keys to the new width."""
        self.bindings_changed()

    def bindings_changed(self, _screen: object = None) -> None:
        """Redraw when the keys, their state or the width changed."""
        if not self.is_attached:
            return
        app = self.app
        active = [(a.binding, a.enabled) for a in self.screen.active_bindings.values()]
        display = {b.key: app.get_key_display(b) for b, _enabled in active}
        entries = footer_keys(active, display)
        width = self.size.width - len(PALETTE) - 2
        state = (tuple(entries), width)
        if state == self._drawn:
            return
        self._drawn = state
        self.shown, self.gap = fit(entries, width)
        self.update(self._line(self.size.width))

    def _line(self, width: int) -> Content:
        """The entries, then the palette pointer at the right end."""
        parts: list[Content | tuple[str, str] | str] = [" "]
        for index, entry in enumerate(self.shown):
            if index:
                parts.append(" " * self.gap)
            key_style = "bold $footer-key-foreground" if entry.enabled else "dim"
            parts.append((entry.display, key_style))
            if entry.label:
                parts.append((" " + entry.label, "" if entry.enabled else "dim"))
        line = Content.assemble(*parts)
        pad = max(1, width - line.cell_length - len(PALETTE) - 1)
        return Content.assemble(line, " " * pad, (PALETTE, "dim"))

    def on_click(self, event: events.Click) -> None:
        """Press the key of the entry clicked."""
        x = 1
        for entry in self.shown:
            if x <= event.x < x + entry.width:
                self.app.simulate_key(entry.key)
                return
            x += entry.width + self.gap
