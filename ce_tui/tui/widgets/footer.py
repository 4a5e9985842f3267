"""Textual's footer, composed again only when the keys it shows have changed.

Textual's :class:`~textual.widgets.Footer` throws its keys away and mounts new
ones whenever the screen says its bindings may have changed: on every focus
move, on every screen resume, once per request even when several arrive before
the next refresh. With a dozen keys that is the most expensive thing the
Progress screen does while it opens. This footer recomposes at most once per
refresh, and not at all when the keys, their state and their tooltips are the
same as those it shows. Its first keys are mounted at once, not after a
refresh, so that they are part of the screen's first layout.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

Keys = tuple[tuple[str, Binding, bool, str], ...]
"""What the footer's keys are drawn from: (key, binding, enabled, tooltip) of each."""


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that recomposes only when its keys change."""

    def __init__(self) -> None:
        """A footer with no keys until the screen's bindings are known."""
        super().__init__()
        self._composed_keys: Keys | None = None
        """The keys of the last composition (None: never composed with keys)."""
        self._recompose_pending = False
        """True while a recomposition waits for the next refresh."""

    def _keys(self) -> Keys:
        """The screen's active keys, as the footer would draw them now."""
        return tuple(
            (key, active.binding, active.enabled, active.tooltip)
            for key, active in self.screen.active_bindings.items()
        )

    def compose(self) -> ComposeResult:
        """Textual's keys, remembering which they were."""
        self._composed_keys = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Recompose after the next refresh, unless one is pending or the keys are the same."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if not self.is_attached or screen is not self.screen or self._recompose_pending:
            return
        if self._keys() == self._composed_keys:
            return
        self._recompose_pending = True
        if self._composed_keys is None:
            # The first keys (the screen's focus has just landed): mount them
            # before the screen's first frame, so they are laid out and drawn
            # with it instead of costing a layout and a frame of their own.
            self.call_next(self._recompose_now)
        else:
            self.call_after_refresh(self._recompose_now)

    async def _recompose_now(self) -> None:
        """The recomposition asked for by :meth:`bindings_changed`."""
        self._recompose_pending = False
        await self.recompose()
