"""The Catalog screen: the shipped CE activities and the user's own, searchable.

`/` searches as you type (title, provider, technology, code), `t` and `g` cycle
the type and technology filters, `s` and `S` pick and reverse the sort column,
`enter` shows every field, `c` files a claim for the activity and `a` adds an
activity of the user's own. Searching, filtering and sorting are the domain's
(:mod:`ce_tui.domain.catalog`); the table draws only the rows on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.catalog import filter_activities, next_session, search, sort_activities
from ce_tui.domain.models import ACTIVITY_TYPES, TECHNOLOGIES, Activity, Ledger
from ce_tui.tui import SCREENS_CSS
from ce_tui.tui.dialogs.activity_detail import ActivityDetail
from ce_tui.tui.dialogs.activity_form import ActivityForm
from ce_tui.tui.dialogs.confirm import confirm_delete
from ce_tui.tui.dialogs.form import Saved
from ce_tui.tui.screens.claims import file_claim
from ce_tui.tui.widgets.footer import KeyFooter
from ce_tui.tui.widgets.lazy_table import Cell, Column, LazyTable
from ce_tui.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from ce_tui.tui.app import CeApp

T = TypeVar("T")

COLUMNS = (
    Column("title", "Title", 34, stretch=True, priority=100, cut="middle"),
    Column("provider", "Provider", 12, priority=50),
    Column("type", "Type", 13, priority=30),
    Column("technology", "Technology", 16, priority=40),
    Column("credits", "CE", 5, align="right", priority=90),
    Column("format", "Format", 14, priority=10),
    Column("hours", "Hours", 5, align="right", priority=20),
    Column("price_clc", "CLC", 7, align="right", priority=60),
    Column("next_session", "Next", 10, priority=70),
)
"""The catalog table's columns; their keys are the domain's sort keys."""

SORTS = tuple(column.key for column in COLUMNS)
"""The columns `s` cycles through."""


def estimated(value: str, is_estimate: bool) -> str:
    """`value` marked `~` when it is an estimate."""
    return f"~{value}" if is_estimate else value


class CatalogScreen(Screen[None]):
    """A searchable, filterable, sortable table of the activities that earn CE credits."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(key, action, label, id=f"catalog.{name}", tooltip=tip, show=show)
        for key, action, label, name, tip, show in (
            ("slash", "search", "Search", "search", "Search as you type", True),
            ("enter", "details", "Details", "details", "Every field of the activity", True),
            ("c", "claim", "Claim", "claim", "File a claim for this activity", True),
            ("a", "add", "Add", "add", "Add an activity of your own", True),
            ("e", "edit", "Edit", "edit", "Edit the highlighted activity of your own", True),
            (
                "delete",
                "delete",
                "Delete",
                "delete",
                "Delete the highlighted activity of your own (asks first; ctrl+z undoes)",
                True,
            ),
            ("t", "cycle_type(1)", "Type", "type", "Next type filter", True),
            ("T", "cycle_type(-1)", "Type back", "type_back", "Previous type filter", False),
            ("g", "cycle_tech(1)", "Tech", "tech", "Next technology filter", True),
            ("G", "cycle_tech(-1)", "Tech back", "tech_back", "Previous technology", False),
            ("s", "cycle_sort", "Sort", "sort", "Sort by the next column", True),
            ("S", "reverse_sort", "Reverse", "reverse", "Reverse the sort order", False),
            (
                "escape",
                "leave_search",
                "Clear",
                "clear",
                "Clear the search (in the table: the filters too)",
                False,
            ),
        )
    ]

    def __init__(self) -> None:
        """No search, no filters, sorted by title."""
        super().__init__()
        self.query_text = ""
        """The search box's text."""
        self.type_filter: str | None = None
        """Only activities of this type (None: any)."""
        self.tech_filter: str | None = None
        """Only activities of this technology (None: any)."""
        self.sort_key = "title"
        """The column the table is sorted by."""
        self.sort_reverse = False
        """True for descending order."""
        self._source: tuple[Ledger, tuple[Activity, ...]] | None = None

    @property
    def ce_app(self) -> CeApp:
        """The app, typed."""
        return cast("CeApp", self.app)

    def compose(self) -> ComposeResult:
        """Header, the search bar, the table, the highlighted activity in full, footer."""
        yield Header()
        yield SearchBar(
            "/ search: title, provider, tech, code",
            box_id="catalog-search",
            status_id="catalog-filters",
            id="catalog-bar",
        )
        yield LazyTable(COLUMNS, self._cells, empty="No activity matches.", id="catalog-table")
        yield Static("", id="catalog-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Follow the app's ledger (the user's own activities are part of the catalog)."""
        self.table.set_sort(self.sort_key, self.sort_reverse)
        self.table.focus()
        self.watch(self.app, "ledger", self._show, init=True)

    @property
    def table(self) -> LazyTable:
        """The catalog table."""
        return self.query_one("#catalog-table", LazyTable)

    def _activities(self) -> tuple[Activity, ...]:
        """The full catalog, recomputed only when the ledger changes."""
        ledger = self.ce_app.ledger
        if self._source is None or self._source[0] is not ledger:
            self._source = (ledger, self.ce_app.catalog)
        return self._source[1]

    def _cells(self, activity: Activity) -> Sequence[Cell]:
        """One activity as table cells; estimated figures are marked `~`."""
        price = activity.price_clc
        upcoming = next_session(activity, self.ce_app.today)
        if upcoming is not None:
            session = upcoming.isoformat()
        else:
            session = "on demand" if not activity.sessions else "—"
        return (
            activity.title,
            activity.provider,
            activity.type,
            activity.technology,
            estimated(credits_text(activity.credits), activity.credits_estimated),
            activity.format,
            f"{activity.hours:g}" if activity.hours else "",
            "" if price is None else estimated(credits_text(price), activity.price_estimated),
            session,
        )

    def _show(self, ledger: Ledger | None = None) -> None:
        """Search, filter and sort the catalog, keeping the cursor on the same activity."""
        everything = self._activities()
        found = search(everything, self.query_text)
        found = filter_activities(found, type=self.type_filter, technology=self.tech_filter)
        rows = sort_activities(found, self.sort_key, self.sort_reverse, today=self.ce_app.today)
        current = self.table.current
        keep = next((i for i, a in enumerate(rows) if a is current), 0) if current else 0
        self.table.set_rows(rows, cursor=keep)
        self.table.set_sort(self.sort_key, self.sort_reverse)
        label = next(c.label for c in COLUMNS if c.key == self.sort_key)
        self.query_one(SearchBar).status.update(
            f"type: {self.type_filter or 'any'} · tech: {self.tech_filter or 'any'} · "
            f"sort: {label.casefold()} {'↓' if self.sort_reverse else '↑'} · "
            f"{len(rows)} of {len(everything)}"
        )
        self._detail()

    def _detail(self) -> None:
        """The highlighted activity's full title and format."""
        activity = cast("Activity | None", self.table.current)
        detail = self.query_one("#catalog-detail", Static)
        if activity is None:
            detail.update("", layout=False)
            return
        line = Text(activity.id)
        line.append("  ")
        line.append(activity.title)
        if activity.format:
            line.append(f"  ({activity.format})")
        detail.update(line, layout=False)

    # Events -----------------------------------------------------------------

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        """Filter as the search text is typed."""
        self.query_text = event.text
        self._show()

    def on_lazy_table_highlighted(self, event: LazyTable.Highlighted) -> None:
        """Show the highlighted activity in full."""
        self._detail()

    def on_lazy_table_selected(self, event: LazyTable.Selected) -> None:
        """A double click shows the details."""
        self.action_details()

    def on_lazy_table_header_clicked(self, event: LazyTable.HeaderClicked) -> None:
        """A header click sorts by that column (again: reverses)."""
        if event.key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = event.key, False
        self._show()

    # Actions ----------------------------------------------------------------

    def action_search(self) -> None:
        """Focus the search box."""
        self.set_focus(self.query_one(SearchBar).box)  # at once: the next keys of a burst go in

    def action_leave_search(self) -> None:
        """From the search box: back to the table. In the table: clear search and filters."""
        bar = self.query_one(SearchBar)
        if bar.leave(self.table):
            return
        if self.query_text or self.type_filter or self.tech_filter:
            self.type_filter = self.tech_filter = None
            bar.box.value = ""
            self.query_text = ""
            self._show()

    def action_cycle_type(self, step: int) -> None:
        """Next (or previous) activity type; "any" between the last and the first."""
        self.type_filter = _cycle((None, *ACTIVITY_TYPES), self.type_filter, step)
        self._show()

    def action_cycle_tech(self, step: int) -> None:
        """Next (or previous) technology; "any" between the last and the first."""
        self.tech_filter = _cycle((None, *TECHNOLOGIES), self.tech_filter, step)
        self._show()

    def action_cycle_sort(self) -> None:
        """Sort by the next column, ascending."""
        self.sort_key = _cycle(SORTS, self.sort_key, 1) or SORTS[0]
        self.sort_reverse = False
        self._show()

    def action_reverse_sort(self) -> None:
        """Reverse the sort order."""
        self.sort_reverse = not self.sort_reverse
        self._show()

    def _selected(self) -> Activity | None:
        """The highlighted activity, or None (with a hint)."""
        activity = cast("Activity | None", self.table.current)
        if activity is None:
            self.notify("No activity selected", markup=False, timeout=2)
        return activity

    def action_details(self) -> None:
        """Show every field of the highlighted activity."""
        activity = self._selected()
        if activity is None:
            return

        def closed(choice: str | None) -> None:
            if choice == "claim":
                self._claim(activity)

        self.app.push_screen(ActivityDetail(activity, self.ce_app.today), closed)

    def action_claim(self) -> None:
        """File a claim prefilled from the highlighted activity."""
        activity = self._selected()
        if activity is not None:
            self._claim(activity)

    def _claim(self, activity: Activity) -> None:
        """Open the claim form with the activity's title, catalog id and credits."""
        file_claim(
            self.ce_app,
            {
                "activity": activity.title,
                "catalog_id": activity.id,
                "credits": credits_text(activity.credits),
            },
        )

    def _own(self) -> Activity | None:
        """The highlighted activity if it is one of the user's own, else None (with a hint)."""
        activity = self._selected()
        if activity is None:
            return None
        if all(a.id != activity.id for a in self.ce_app.ledger.catalog):
            self.notify(
                "Only your own activities can be changed (a adds one)", markup=False, timeout=3
            )
            return None
        return activity

    def action_add(self) -> None:
        """Add an activity of the user's own (`ctrl+z` removes it); it is shown even if filtered."""
        app = self.ce_app

        def save(activity: Activity) -> Saved:
            """Add the activity (the form waits for the write, then closes with its id)."""
            return app.apply(
                f"Activity added: {activity.title}", lambda: app.services.add_activity(activity)
            )

        app.push_screen(ActivityForm(save), lambda added: self.reveal(added or ""))

    def action_edit(self) -> None:
        """Edit the highlighted activity of the user's own (`ctrl+z` puts the old one back)."""
        old = self._own()
        if old is None:
            return
        app = self.ce_app

        def save(activity: Activity) -> Saved:
            """Write the edited activity, if it is still the one the form was opened on."""
            return app.apply(
                f"Activity saved: {activity.title}",
                lambda: app.services.edit_activity(activity, expected=old),
            )

        app.push_screen(ActivityForm(save, old), lambda _r: self.reveal(old.id))

    def action_delete(self) -> None:
        """Delete the highlighted activity of the user's own (asks first; `ctrl+z` restores it)."""
        old = self._own()
        if old is None:
            return
        services = self.ce_app.services
        confirm_delete(
            self.ce_app,
            f'Delete your activity "{old.title}"? Claims that name it keep their text.',
            f"Activity deleted: {old.title}",
            lambda: services.delete_activity(old.id, expected=old),
        )

    def reveal(self, activity_id: str) -> None:
        """Put the cursor on `activity_id`; clear the search and filters first if they hide it."""
        if not activity_id or all(a.id != activity_id for a in self._activities()):
            return
        if all(a.id != activity_id for a in self.table.rows):
            self.type_filter = self.tech_filter = None
            self.query_text = ""
            self.query_one(SearchBar).box.value = ""
            self._show()
            self.notify("Search and filters cleared to show it", markup=False, timeout=3)
        index = next((i for i, a in enumerate(self.table.rows) if a.id == activity_id), None)
        if index is not None:
            self.table.move_to(index)


def _cycle(values: Sequence[T], current: T, step: int) -> T:
    """The value `step` places after `current` in `values`, wrapping around."""
    index = values.index(current) if current in values else 0
    return values[(index + step) % len(values)]
