"""The Textual application: modes (screens), global keys, the reactive ledger.

The app owns no rules. It holds the ledger and its evaluation as reactive
attributes; every write goes through :meth:`CeApp.apply`, which queues a
service call (validate, then store) for the one store-write worker, off the
event loop. The worker's outcome is handled in one place
(:meth:`CeApp.on_worker_state_changed`), on the main thread: the new ledger is
set (so it re-evaluates once) and the service's
:class:`~ce_tui.domain.changes.Change` goes on the undo stack. `ctrl+z` and `ctrl+y`
apply a change's patch through the same worker and service path; what-if
changes (never stored) have their own steps in the same history, so `ctrl+z`
takes back whichever came last. Screens watch
:attr:`CeApp.evaluation` and redraw themselves.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Literal

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from ce_tui.domain.changes import Change
from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import Evaluation
from ce_tui.domain.models import Activity, Ledger
from ce_tui.domain.text import safe_lines
from ce_tui.domain.validation import InvalidInput
from ce_tui.services import Services
from ce_tui.store.base import StoreError
from ce_tui.store.settings import Settings
from ce_tui.tui.glued_escape import glued_key, split
from ce_tui.tui.screens.progress import ProgressScreen
from ce_tui.tui.writes import History, WhatIfs, WhatIfStep, Write

if TYPE_CHECKING:
    from ce_tui.domain.whatif import Hypothesis, Outlook

Operation = Callable[[], Change]
"""A service call that writes the store and returns its change."""

Stamp = tuple[int, int, int, int] | None
"""A store file's identity (see :meth:`Services.stamp`)."""

WRITER = "store-write"
"""The name and group of the one worker that writes the store."""

SCREENS: tuple[tuple[str, str, str], ...] = (
    ("1", "progress", "Progress"),
    ("2", "path", "Path"),
    ("3", "catalog", "Catalog"),
    ("4", "claims", "Claims"),
    ("5", "plan", "Plan"),
)
"""(key, mode, title) of each screen."""

SCREEN_BINDING_IDS = frozenset(f"screen.{mode}" for _, mode, _ in SCREENS)
"""The ids of the keys that switch screens: run as read, like a screen's own keys."""

PALETTE_ACTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("New claim", "File a claim for an activity (n on Claims)", "claims", "new"),
    ("Add a certification", "Add a certification you hold (a on Progress)", "progress", "add_cert"),
    (
        "Record a passed exam",
        "An exam counts toward every cycle it falls in (x on Path)",
        "path",
        "exam",
    ),
    (
        "Add an activity",
        "Add an activity of your own to the catalog (a on Catalog)",
        "catalog",
        "add",
    ),
    (
        "What-if activity",
        "Try an activity without saving it (a on Plan)",
        "plan",
        "whatif_activity",
    ),
    ("What-if exam", "Try an exam without saving it (e on Plan)", "plan", "whatif_exam"),
)
"""(title, help, mode, action) of the palette's commands that open a screen's form."""

FOLLOW_SECONDS = 1.0
"""How often the open app looks at the store file for saves made elsewhere."""


# The app opens on Progress: every other screen's module (with its widgets and
# dialogs) is imported when the screen is first shown, not at start-up.


def _path_screen() -> Screen[None]:
    """The Path screen, loaded on first use."""
    from ce_tui.tui.screens.path import PathScreen

    return PathScreen()


def _catalog_screen() -> Screen[None]:
    """The Catalog screen, loaded on first use."""
    from ce_tui.tui.screens.catalog import CatalogScreen

    return CatalogScreen()


def _claims_screen() -> Screen[None]:
    """The Claims screen, loaded on first use."""
    from ce_tui.tui.screens.claims import ClaimsScreen

    return ClaimsScreen()


def _plan_screen() -> Screen[None]:
    """The Plan screen, loaded on first use: the planner is not needed to open the app."""
    from ce_tui.tui.screens.plan import PlanScreen

    return PlanScreen()


class CeApp(App[None]):
    """ce-tui: where each certification stands on its way to recertification."""

    CSS_PATH = "app.tcss"
    TITLE = "ce-tui"
    MODES = {
        "progress": ProgressScreen,
        "path": _path_screen,
        "catalog": _catalog_screen,
        "claims": _claims_screen,
        "plan": _plan_screen,
    }
    DEFAULT_MODE = "progress"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="List every key"),
        *(
            Binding(
                key,
                f"show('{mode}')",
                title,
                id=f"screen.{mode}",
                tooltip=f"Show the {title} screen",
            )
            for key, mode, title in SCREENS
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            id="app.undo",
            tooltip="Undo the latest change (a what-if or a stored one)",
        ),
        Binding("ctrl+y", "redo", "Redo", id="app.redo", tooltip="Redo the last change undone"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave ce-tui"),
    ]

    ledger: var[Ledger] = var(Ledger, init=False, always_update=True)
    """Everything recorded, as last read from or written to the store."""
    evaluation: var[Evaluation | None] = var(None, init=False)
    """The engine's view of :attr:`ledger` on :attr:`today`."""
    selected_cert: var[str | None] = var(None, init=False)
    """The certification the Path and Plan screens show (None: the target)."""
    hypotheses: var[tuple[Hypothesis, ...]] = var((), init=False)
    """What-if activities and exams: app state only, stored only when committed as drafts."""
    outlooks: var[tuple[Outlook, ...]] = var((), init=False)
    """Per certification, what the hypotheses would do (empty without hypotheses)."""
    projection: var[Evaluation | None] = var(None, init=False, always_update=True)
    """The evaluation with the hypotheses, on the latest of their days (None without any)."""

    def __init__(
        self,
        services: Services,
        today: date,
        demo: bool = False,
        opened: tuple[tuple[int, int, int, int] | None, Ledger] | None = None,
    ) -> None:
        """Open on `services`' store, evaluating as of `today`; `demo` marks the header.

        `opened` is what :meth:`Services.read` returned if the caller read the
        store already (the command line does, to report a store it cannot
        open before the terminal is taken over): it is shown as it is, not
        read a second time.
        """
        super().__init__()
        self._opened = opened
        self.services = services
        """The validated operations on the store."""
        self.rules = services.rules
        """The recertification rules in force."""
        self.today = today
        """The evaluation day (fixed for the whole session)."""
        self.demo = demo
        """True when running on the demo profile."""
        self.history = History()
        """The undo and redo stacks of stored changes and of what-if changes."""
        self.writes: deque[Write] = deque()
        """Writes waiting for the write worker, oldest first."""
        self.writing: Write | None = None
        """The write the worker is running (None: the worker is idle)."""
        services.waiting = self._lock_wait
        self.quitting = False
        """True once quitting waits for the writes under way."""
        self.stamp: Stamp = None
        """The store file's identity when this app last read or wrote it."""
        self.settings = Settings()
        """The settings beside the store, as last read or written (theme, hours a day)."""
        if demo:
            self.title = "ce-tui DEMO"
            self.sub_title = f"sample data, as of {today.isoformat()}"
        else:
            self.sub_title = f"as of {today.isoformat()}"

    # State ------------------------------------------------------------------

    def on_load(self) -> None:
        """Read the store once (unless it was read for the app); the ledger's watcher evaluates it.

        Done before the first screen is composed, so Progress composes with
        the evaluation at hand instead of laying itself out twice.
        """
        try:
            self.stamp, self.ledger = self._opened or self.services.read()
            self._opened = None
        except StoreError as exc:
            self.exit(return_code=3, message=safe_lines(exc))

    def on_mount(self) -> None:
        """Use the theme saved last time; look at the store file every second."""
        self._use_saved_theme()
        self.set_interval(FOLLOW_SECONDS, self.follow_store, name="follow-store")

    def _use_saved_theme(self) -> None:
        """Read the settings beside the store; switch to the saved theme if it is one of ours."""
        try:
            self.settings = self.services.saved_settings()
        except StoreError as exc:
            self.notify(str(exc), title="Settings", severity="warning", markup=False)
            return
        theme = self.settings.theme
        if theme is None:
            return
        if theme not in self.available_themes:
            self.notify(f"Unknown theme {theme!r} in the settings; ignored", markup=False)
            return
        self.theme = theme

    def watch_theme(self, theme: str) -> None:
        """Keep the theme chosen for next time (in the settings file beside the store)."""
        if self.is_running:
            self.keep_settings(replace(self.settings, theme=theme))

    def keep_settings(self, settings: Settings) -> None:
        """Save `settings` beside the store for next time (a notice when they cannot be)."""
        if settings == self.settings:
            return
        try:
            self.services.save_settings(settings)
        except StoreError as exc:
            self.notify(str(exc), title="Setting not saved", severity="warning", markup=False)
            return
        self.settings = settings

    def follow_store(self) -> None:
        """Show what another window or command saved: read again only when the file changed.

        Not while this app's own write is under way: its outcome brings the new
        ledger and the file's identity.
        """
        if self.writing is None and self.services.stamp() != self.stamp and self.reload():
            self.notify(
                "The store was changed by another window or command: showing it now.",
                title="Store changed",
                markup=False,
                timeout=4,
            )

    def reload(self) -> bool:
        """Read the store again, to show what another window or command saved.

        True when what it holds differs from what is shown (and is shown now).
        """
        stamp = self.services.stamp()
        try:
            ledger = self.services.load()
        except StoreError as exc:
            self.stamp = stamp
            self.notify(
                safe_lines(exc), title="Cannot read the store", severity="error", markup=False
            )
            return False
        self.stamp = stamp
        if ledger != self.ledger:
            self.ledger = ledger
            return True
        return False

    def on_app_focus(self) -> None:
        """Coming back to the terminal: show what other windows saved meanwhile (if any)."""
        self.follow_store()

    def watch_ledger(self, ledger: Ledger) -> None:
        """Re-evaluate whenever the ledger changes, and project the hypotheses on it."""
        self.evaluation = evaluate(ledger, self.rules, self.today)
        self._project()

    def watch_hypotheses(self) -> None:
        """Project again whenever the hypotheses change."""
        self._project()

    def _project(self) -> None:
        """Evaluate the ledger plus the hypotheses (the outlooks first: watchers read them)."""
        if not self.hypotheses:
            self.outlooks = ()
            self.projection = None
            return
        from ce_tui.domain.whatif import outlook, project

        self.outlooks = tuple(outlook(self.ledger, self.rules, self.today, self.hypotheses))
        self.projection = project(self.ledger, self.rules, self.today, self.hypotheses)

    @property
    def catalog(self) -> tuple[Activity, ...]:
        """The shipped catalog plus the user's own activities."""
        from ce_tui.domain.catalog import full_catalog

        return full_catalog(self.ledger)

    def apply(
        self,
        description: str,
        operation: Operation,
        whatifs: tuple[WhatIfs, WhatIfs] | None = None,
    ) -> Write:
        """Queue a write for the write worker; the returned :class:`Write` tells its outcome.

        On success the new ledger is shown, the change goes on the undo stack
        and the redo stack is cleared; invalid input or a storage failure shows
        a notice and changes nothing. `whatifs` (before, after): the change
        also sets the what-ifs to `after`, and its undo brings `before` back.
        """
        write = Write(description, operation, whatifs=whatifs)
        self._queue(write)
        return write

    def _queue(self, write: Write) -> None:
        """Put a write in line and start the worker if it is idle."""
        self.writes.append(write)
        self._start_next()

    def _start_next(self) -> None:
        """Hand the oldest waiting write to the worker, if it is idle.

        An undo or a redo takes its history entry now, when it starts, so
        several `ctrl+z` in a row step back one change each.
        """
        while self.writing is None and self.writes:
            write = self.writes.popleft()
            if write.kind != "do":
                stack = self.history.undo if write.kind == "undo" else self.history.redo
                if not stack:
                    self.notify(f"Nothing to {write.kind}", markup=False, timeout=2)
                    continue
                entry = stack[-1]
                write.entry = entry
                write.operation = lambda patch=entry.change.undo: self.services.apply(patch)
            if write.operation is None:
                continue
            self.writing = write
            self._write_in_worker(write.operation)

    @work(thread=True, exclusive=True, group=WRITER, name=WRITER, exit_on_error=False)
    def _write_in_worker(self, operation: Operation) -> tuple[Change, Stamp]:
        """Run one service call off the event loop (the store may wait for its lock).

        Returns the change and the identity of the file it wrote, taken at once.
        """
        change = operation()
        return change, self.services.stamp()

    class LockWait(Message):
        """Posted by the write worker: the store is held by another writer, the save waits."""

    def _lock_wait(self) -> None:
        """Called from the write worker when the store's lock is held by another writer."""
        self.post_message(self.LockWait())

    def on_ce_app_lock_wait(self, _message: LockWait) -> None:
        """Say on screen that the save waits for another program to finish with the store."""
        if self.writing is not None:
            self.sub_title = f"{self._sub_title()} · saving: waiting for the store…"

    def _sub_title(self) -> str:
        """The header's usual second line."""
        if self.demo:
            return f"sample data, as of {self.today.isoformat()}"
        return f"as of {self.today.isoformat()}"

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a write's outcome is handled, on the main thread."""
        worker, write = event.worker, self.writing
        finished = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
        if worker.group != WRITER or write is None or event.state not in finished:
            return
        self.writing = None
        self.sub_title = self._sub_title()
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, tuple):
            change, self.stamp = worker.result
            self._landed(write, change)
        else:
            self._refused(write, worker.error)
        self._start_next()
        if self.quitting and self.writing is None:
            self.exit()

    def _landed(self, write: Write, change: Change) -> None:
        """Show a landed write: the new ledger, the history, the what-ifs, the notice."""
        self.ledger = change.ledger
        self.history.record(write, change)
        whatifs = write.entry.whatifs if write.entry is not None else write.whatifs
        if whatifs is not None:
            self.hypotheses = whatifs[0] if write.kind == "undo" else whatifs[1]
            self.history.forget_whatifs()
        words = {"do": "", "undo": "Undone: ", "redo": "Redone: "}[write.kind]
        description = write.entry.description if write.entry is not None else write.description
        self.notify(f"{words}{description}", markup=False, timeout=3)
        for callback in write.saved:
            callback(change)

    def _refused(self, write: Write, error: BaseException | None) -> None:
        """A write that failed: one line saying why, nothing changed (the screen re-read)."""
        if isinstance(error, InvalidInput):
            text = "\n".join(error.problems)
            self.reload()
        elif isinstance(error, StoreError):
            text = str(error)
        elif error is None:
            text = "the save was cancelled; nothing was written"
        else:
            text = f"unexpected error ({type(error).__name__}); nothing was written"
        title = {"do": "Not saved", "undo": "Not undone", "redo": "Not redone"}[write.kind]
        self.notify(safe_lines(text), title=title, severity="error", markup=False, timeout=10)
        for callback in write.refused:
            callback()

    def set_hypotheses(self, description: str, hypotheses: WhatIfs) -> None:
        """Change the what-ifs, remembering the old ones for `ctrl+z` (nothing is stored)."""
        history = self.history
        history.whatif_undo.append(WhatIfStep(description, self.hypotheses, history.next_at()))
        history.whatif_redo.clear()
        history.redo.clear()
        self.hypotheses = hypotheses

    # Keys -------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Run a key's binding as the key is read, unless the focus is in a text box.

        Textual runs a key's (non-priority) binding only once the focused widget
        has read the key and passed it up, and by then the keys after it in a
        burst (a paste, a fast typist, a slow link) were sent to that same
        widget: `n` followed at once by a title left the title on the table,
        not in the form `n` opens. Running the binding as the key is read keeps
        every key in order. Text boxes read their keys first, as before. An
        escape glued to the next key of a burst is split back into both keys.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            glued = glued_key(event)
            if glued is not None:  # escape and a key read as one (see glued_escape)
                escape, key = split(glued)
                # The escape's binding runs at once, even from a text box (which
                # has no use for escape), so the key goes where escape sent the focus.
                if not await self._bound_now(escape, from_text_box=True):
                    await super().on_event(escape)
                await self.on_event(key)
                return
            if await self._bound_now(event):
                return
        await super().on_event(event)

    async def _bound_now(self, event: events.Key, from_text_box: bool = False) -> bool:
        """Run `event`'s binding if the screen or a widget on it has one; True if it ran.

        With the focus in a text box, only when `from_text_box` (the box reads its keys).
        """
        screen = self.screen
        if not screen.is_mounted or (isinstance(self.focused, Input) and not from_text_box):
            return False
        active = screen.active_bindings.get(event.key)
        if active is None or not active.enabled:
            return False
        if active.node is self and active.binding.id not in SCREEN_BINDING_IDS:
            return False  # the app's other keys (undo, help, quit) go the usual way
        return await self.run_action(active.binding.action, active.node)

    # Actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen switches, undo and redo wait while a dialog is open (its keys come first)."""
        return not (action in ("show", "undo", "redo") and isinstance(self.screen, ModalScreen))

    async def action_show(self, mode: str) -> None:
        """Switch to one of the screens; the keys after it go to the screen once it is shown.

        The wait lets the screen handle its resume (Progress focuses its card
        there), so a key read next finds the focus where it will be.
        """
        await self.switch_mode(mode)
        await self.screen.wait_for_refresh()

    async def action_quit(self) -> None:
        """Quit; with what-ifs (never stored), ask first instead of dropping them silently."""
        if not self.hypotheses:
            self._quit_once_saved()
            return
        from ce_tui.tui.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return  # asking already
        count = len(self.hypotheses)
        question = (
            f"Quit and forget {count} what-if{'s' if count > 1 else ''}? They are not saved "
            "(s on Plan or Progress saves the activities as draft claims)."
        )

        def answered(yes: bool | None) -> None:
            """Quit on yes."""
            if yes:
                self._quit_once_saved()

        self.push_screen(ConfirmDialog(question, yes="Quit", no="Stay"), answered)

    def _quit_once_saved(self) -> None:
        """Quit now, or once the writes asked for have landed (a save is never dropped)."""
        if self.writing is None and not self.writes:
            self.exit()
            return
        self.quitting = True
        self.notify("Saving first; ce-tui quits once it is saved", markup=False, timeout=5)

    def action_undo(self) -> None:
        """Undo the latest change: a what-if one (nothing written) or a stored one."""
        self._step("undo")

    def action_redo(self) -> None:
        """Redo the latest change undone: a what-if one or a stored one."""
        self._step("redo")

    def _step(self, kind: Literal["undo", "redo"]) -> None:
        """Step back or forward: a what-if step at once, a stored change in the write worker."""
        history, undo = self.history, kind == "undo"
        if not history.whatif_first(undo):
            self._queue(Write("", None, kind=kind))
            return
        source, target = (
            (history.whatif_undo, history.whatif_redo)
            if undo
            else (history.whatif_redo, history.whatif_undo)
        )
        step = source.pop()
        target.append(WhatIfStep(step.description, self.hypotheses, history.next_at()))
        self.hypotheses = step.whatifs
        words = "Undone" if undo else "Redone"
        self.notify(f"{words}: {step.description} (what-if)", markup=False, timeout=3)

    def action_import_csv(self) -> None:
        """Open the CSV import dialog (a preview first; nothing is written until confirmed)."""
        from ce_tui.tui.dialogs.import_dialog import ImportDialog

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(ImportDialog())

    def action_help(self) -> None:
        """List every key of the current screen and the app."""
        from ce_tui.tui.screens.help import HelpScreen, help_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_rows(self, self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: the screens and the app's actions, then Textual's own."""
        for key, mode, title in SCREENS:
            yield SystemCommand(
                f"Show {title}",
                f"Switch to the {title} screen (key {key})",
                lambda m=mode: self.action_show(m),
            )
        if self.hypotheses:
            from ce_tui.tui.whatif import clear_hypotheses, commit_hypotheses

            yield SystemCommand(
                "Save what-ifs as drafts",
                "File the what-if activities as draft claims (s on Plan or Progress)",
                lambda: commit_hypotheses(self),
            )
            yield SystemCommand(
                "Clear what-ifs", "Forget every what-if (c)", lambda: clear_hypotheses(self)
            )
        for title, help_text, mode, action in PALETTE_ACTIONS:
            yield SystemCommand(title, help_text, partial(self.run_on_screen, mode, action))
        from ce_tui.tui.dialogs.file_form import export_file, import_file

        yield SystemCommand(
            "Export claims as CSV",
            "Write the claims transcript to a file",
            lambda: export_file(self, "csv"),
        )
        yield SystemCommand(
            "Export the calendar (ICS)",
            "Expiries, claim deadlines and reminders, for a calendar app",
            lambda: export_file(self, "ics"),
        )
        yield SystemCommand(
            "Import a ce-tui/1 document",
            "Merge a document's records by id into yours (ctrl+z undoes it)",
            lambda: import_file(self),
        )
        yield SystemCommand(
            "Import a CSV file",
            "Claims, certifications, exams or activities from a spreadsheet: preview, then import",
            self.action_import_csv,
        )
        yield SystemCommand("Undo", "Undo the last change (ctrl+z)", self.action_undo)
        yield SystemCommand("Redo", "Redo the last change undone (ctrl+y)", self.action_redo)
        yield SystemCommand("Help", "List every key (?)", self.action_help)
        yield SystemCommand(
            "Screenshot",
            "Save an SVG picture of the screen (Downloads, else the current folder)",
            lambda: self.set_timer(0.1, self.save_picture),
        )
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    async def run_on_screen(self, mode: str, action: str) -> None:
        """Show the screen `mode` and run its `action` (a palette command)."""
        await self.switch_mode(mode)
        await self.screen.run_action(action)

    def save_picture(self) -> None:
        """Save the screen as SVG, readable by its owner only, and say where (or why not)."""
        from ce_tui import clock
        from ce_tui.tui.screenshot import save_svg, screenshot_folder

        folder = screenshot_folder()
        try:
            path = save_svg(self.export_screenshot(), folder, clock.timestamp())
        except OSError as exc:
            self.notify(
                f"Cannot save the screenshot in {folder}: {exc.strerror or exc}",
                title="Screenshot",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Saved {path}", title="Screenshot", markup=False)
