"""The app's writes as values: a write waiting for the store, and the undo and redo history.

A :class:`Write` is one request to change the store: a service call made in
the app's write worker, off the event loop. Whoever asked for it may wait for
its outcome (:meth:`Write.when_saved`, :meth:`Write.when_refused`); the app
runs those callbacks on the main thread once the write has landed or failed.
:class:`History` keeps what was done as :class:`Done` entries, each holding
the service's :class:`~ce_tui.domain.changes.Change` (whose patch undoes it), in one
undo and one redo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from textual.screen import Screen

    from ce_tui.domain.changes import Change
    from ce_tui.domain.whatif import Hypothesis

Kind = Literal["do", "undo", "redo"]
"""What a write is: a new change, or a step back or forward in the history."""

WhatIfs = tuple["Hypothesis", ...]
"""The app's what-ifs at one moment."""


@dataclass
class Done:
    """One change in the history: its words, the service's change, the what-ifs around it.

    `whatifs` is (before, after) when the change also changed the what-ifs
    (saving them as drafts): undoing it brings `before` back, redoing it
    `after`. `at` orders it among every step of the history.
    """

    description: str
    change: Change
    whatifs: tuple[WhatIfs, WhatIfs] | None = None
    at: int = 0


@dataclass
class WhatIfStep:
    """One what-if change in the history: its words and the what-ifs it replaced."""

    description: str
    whatifs: WhatIfs
    at: int = 0


@dataclass
class Write:
    """A store write the app runs in its write worker, and who waits for its outcome."""

    description: str
    """What the notice says once it has landed."""
    operation: Callable[[], Change] | None
    """The service call (None for an undo or a redo: taken from the history when it starts)."""
    kind: Kind = "do"
    whatifs: tuple[WhatIfs, WhatIfs] | None = None
    """The what-ifs before and after, when the change also sets them (see :class:`Done`)."""
    entry: Done | None = None
    """For an undo or a redo, the history entry it steps over (set when it starts)."""
    saved: list[Callable[[Change], None]] = field(default_factory=list)
    refused: list[Callable[[], None]] = field(default_factory=list)

    def when_saved(self, callback: Callable[[Change], None]) -> Write:
        """Call `callback(change)` on the main thread once the write has landed."""
        self.saved.append(callback)
        return self

    def when_refused(self, callback: Callable[[], None]) -> Write:
        """Call `callback()` on the main thread if the write fails (nothing was written)."""
        self.refused.append(callback)
        return self


@dataclass
class History:
    """The undo and redo stacks of stored changes and of what-if changes, newest last.

    Every step gets the next number when it goes on a stack, so `ctrl+z`
    takes back the latest step of either kind and `ctrl+y` redoes the latest
    undone.
    """

    undo: list[Done] = field(default_factory=list)
    redo: list[Done] = field(default_factory=list)
    whatif_undo: list[WhatIfStep] = field(default_factory=list)
    whatif_redo: list[WhatIfStep] = field(default_factory=list)
    steps: int = 0
    """How many steps went on a stack so far (the last step's number)."""

    def next_at(self) -> int:
        """The number of the next step."""
        self.steps += 1
        return self.steps

    def record(self, write: Write, change: Change) -> None:
        """File a landed write: a new change clears both redo stacks; undo and redo swap stacks."""
        if write.kind == "do":
            self.undo.append(Done(write.description, change, write.whatifs, self.next_at()))
            self.redo.clear()
            self.whatif_redo.clear()
            return
        if write.entry is None:
            return
        source, target = (self.undo, self.redo) if write.kind == "undo" else (self.redo, self.undo)
        if source and source[-1] is write.entry:
            source.pop()
        entry = write.entry
        target.append(Done(entry.description, change, entry.whatifs, self.next_at()))

    def whatif_first(self, undo: bool) -> bool:
        """True when the latest step to undo (or redo) is a what-if one."""
        stored, whatifs = (self.undo, self.whatif_undo) if undo else (self.redo, self.whatif_redo)
        if not whatifs:
            return False
        return not stored or whatifs[-1].at > stored[-1].at

    def forget_whatifs(self) -> None:
        """Drop the what-ifs' own history (they were saved as drafts, or brought back)."""
        self.whatif_undo.clear()
        self.whatif_redo.clear()


class Waiting:
    """A dialog waiting for the write it asked for: one at a time, closing once it has landed."""

    def __init__(self, screen: Screen[Any]) -> None:
        """Wait on behalf of `screen` (a modal dialog)."""
        self.screen = screen
        """The dialog that closes once its write has landed."""
        self.busy = False
        """True while the write is waiting or running: another save is ignored."""

    def start(self, outcome: bool | Write, result: Callable[[Change | None], Any]) -> None:
        """Act on what a save answered: True closes now, a write closes once it lands.

        The dialog dismisses with ``result(change)`` (``result(None)`` when
        nothing needed writing); a refused write leaves it open as it was.
        """
        if isinstance(outcome, Write):
            self.busy = True
            outcome.when_saved(lambda change: self._landed(change, result))
            outcome.when_refused(self._refused)
        elif outcome:
            self.screen.dismiss(result(None))

    def _landed(self, change: Change, result: Callable[[Change | None], Any]) -> None:
        """Close the dialog (if it is still the one shown) with its result."""
        self.busy = False
        if self.screen.is_current:
            self.screen.dismiss(result(change))

    def _refused(self) -> None:
        """The write failed: the dialog stays open and can save again."""
        self.busy = False
