"""A yes/no confirmation: `ModalScreen[bool]`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ce_tui.tui import SCREENS_CSS

if TYPE_CHECKING:
    from ce_tui.domain.changes import Change
    from ce_tui.tui.app import CeApp


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; dismiss with True (yes) or False (no)."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Cancel"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        """`question` is shown literally (never parsed as markup)."""
        super().__init__()
        self.question = question
        """The question asked."""
        self.yes_label = yes
        """Label of the confirming button."""
        self.no_label = no
        """Label of the cancelling button."""

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")
                yield Button(f"{self.no_label} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        """Focus the safe answer."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers the question."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """A key answers the question."""
        self.dismiss(answer)


def confirm_delete(
    app: CeApp,
    question: str,
    description: str,
    delete: Callable[[], Change],
    then: Callable[[], None] | None = None,
) -> None:
    """Ask `question`; on yes, run `delete` through the app (undoable with `ctrl+z`).

    `then` runs once the delete has landed (for example to change the selection).
    """

    def answered(yes: bool | None) -> None:
        """Delete on yes."""
        if yes:
            write = app.apply(description, delete)
            if then is not None:
                write.when_saved(lambda _change: then())

    app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep"), answered)
