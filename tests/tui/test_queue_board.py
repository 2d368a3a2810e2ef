"""The queue board follows the queue row by row: a walk-in joins at the end, a call changes its
row, a client who left goes, a triage that moves a client up reorders it, and the worker's chosen
row stays chosen through it all; what it shows is the queue's order, whichever way it was drawn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets.data_table import ColumnKey, RowKey

from forms.choices import Urgency, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.profile import load_profile
from forms.settings import Settings
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.tui.helpers import prepared, screen_text, settle, sign_in, until
from tui.app import WalkinApp
from tui.widgets import QueueBoard
from tui.widgets.queue_board import COLUMNS, MARGIN
from tui.widgets.steady_text import show_text


def admit_many(services: Services, worker: StaffMember, count: int) -> None:
    for n in range(count):
        services.desk.admit(IntakeForm(call_name=f"Asiakas {n}"), worker.id)


class BoardApp(App[None]):
    def compose(self) -> ComposeResult:
        yield QueueBoard(load_profile())


@asynccontextmanager
async def long_board(services: Services, worker: StaffMember, clock: FakeClock, count: int,
                     size: tuple[int, int]) -> AsyncIterator[tuple[BoardApp, Pilot[None], QueueBoard]]:
    """A board of `count` waiting visits, shown and focused, in an app of `size`."""
    admit_many(services, worker, count)
    app = BoardApp()
    async with app.run_test(size=size) as pilot:
        board = app.query_one(QueueBoard)
        board.show(services.desk.snapshot(), clock())
        board.focus()
        await pilot.pause()
        yield app, pilot, board


async def test_the_board_follows_each_change_in_the_queues_order(services: Services, worker: StaffMember,
                                                                  clock: FakeClock) -> None:
    desk = services.desk
    ids = [desk.admit(IntakeForm(call_name=f"Asiakas {n}"), worker.id).id for n in range(4)]
    app = BoardApp()
    async with app.run_test(size=(120, 20)) as pilot:
        board = app.query_one(QueueBoard)

        async def shown() -> list[int]:
            board.show(desk.snapshot(), clock())
            await pilot.pause()
            assert [int(row.key.value) for row in board.ordered_rows] == [e.id for e in desk.snapshot().entries]
            return [int(row.key.value) for row in board.ordered_rows]

        assert await shown() == ids
        board.move_cursor(row=2)
        chosen = board.selected_id
        assert chosen == ids[2]
        drawn = board.rows[RowKey(str(ids[0]))]
        later = desk.admit(IntakeForm(call_name="Myöhempi"), worker.id).id
        assert await shown() == [*ids, later]
        assert board.rows[RowKey(str(ids[0]))] is drawn, "the board was drawn anew for one walk-in"
        desk.call_next(worker.id)  # the first row changes in place: called (its status column widens)
        assert await shown() == [*ids, later]
        assert "Asiakas 0" in str(board.get_row(str(ids[0]))) and board.selected_id == chosen
        assert board.rows[RowKey(str(ids[0]))] is drawn, "the board was drawn anew for a wider column"
        desk.mark_left(ids[1], worker.id)  # a row above the chosen one goes
        assert await shown() == [ids[0], ids[2], ids[3], later]
        assert board.selected_id == chosen
        # A longer name than any before: its column widens to it, the board drawn in step.
        long = desk.admit(IntakeForm(call_name="Maria-Magdalena"), worker.id).id
        assert long in await shown()
        assert board.columns[ColumnKey("name")].content_width == len("Maria-Magdalena")
        # The last walk-in turns out acute: it moves to the top, the board is drawn in the new order.
        desk.record_triage(later, {}, Urgency.ACUTE, [], worker.id)
        assert (await shown())[0] == later
        assert board.selected_id == chosen
        assert board.rows[RowKey(str(ids[0]))] is drawn, "the board was drawn anew to reorder it"


async def test_a_long_board_works_out_only_the_rows_near_the_screen(services: Services, worker: StaffMember,
                                                                    clock: FakeClock) -> None:
    """With hundreds waiting, every change moves every wait estimate: the board works out the rows on
    the screen and near it, and a row further down when the board scrolls to it."""
    desk = services.desk
    admit_many(services, worker, 150)
    app = BoardApp()
    async with app.run_test(size=(120, 20)) as pilot:
        board = app.query_one(QueueBoard)
        worked_out: list[int] = []
        cells = board._cells
        board._cells = lambda entry, *rest: (worked_out.append(entry.id), cells(entry, *rest))[1]  # type: ignore[method-assign]
        snapshot = desk.snapshot()
        board.show(snapshot, clock())
        await pilot.pause()
        assert board.row_count == 150
        assert 0 < len(worked_out) <= 20 + 2 * MARGIN, "rows nobody sees were worked out"
        last = snapshot.entries[-1]
        assert last.id not in worked_out and str(board.get_row_at(149)[2]) == ""
        board.move_cursor(row=149)  # the end of the queue: the board scrolls there
        await pilot.pause()
        await pilot.pause()
        assert str(board.get_row_at(149)[0]) == last.ticket and str(board.get_row_at(149)[2]) == "Asiakas 149"
        assert board.selected_id == last.id
        # A change seen from down there: the rows on the screen follow it, the first ones wait.
        estimate, status = str(board.get_row_at(149)[5]), str(board.get_row_at(0)[3])
        desk.call_next(worker.id)
        board.show(desk.snapshot(), clock())
        await pilot.pause()
        assert str(board.get_row_at(149)[5]) != estimate, "a row on the screen kept its old estimate"
        assert str(board.get_row_at(0)[3]) == status == "odottaa", "a row far off the screen was worked out"
        assert board.selected_id == last.id


async def test_end_and_home_go_to_the_last_and_the_first_client(services: Services, worker: StaffMember,
                                                              clock: FakeClock) -> None:
    """A worker's End and Home on a long board go to the end of the queue and back to its start (a
    DataTable's own End and Home scroll sideways, which a row board never needs), with the rows
    there shown at once."""
    async with long_board(services, worker, clock, 320, (80, 24)) as (_app, pilot, board):
        entries = services.desk.snapshot().entries
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        assert board.selected_id == entries[-1].id
        assert str(board.get_row_at(319)[0]) == entries[-1].ticket
        await pilot.press("home")
        await pilot.pause()
        await pilot.pause()
        assert board.selected_id == entries[0].id and board.scroll_y == 0
        assert str(board.get_row_at(0)[0]) == entries[0].ticket


async def test_a_long_board_at_80_columns_never_scrolls_sideways(services: Services, worker: StaffMember,
                                                                clock: FakeClock) -> None:
    """At 80 columns the cells that give way are cut so that the board fits: a column one too wide
    put a sideways scroll bar in the board's last row."""
    async with long_board(services, worker, clock, 320, (80, 24)) as (_app, pilot, board):
        for key in ("end", "home", "pagedown"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert board.max_scroll_x == 0, key


async def test_a_row_that_looks_the_same_is_not_worked_out_again(services: Services, worker: StaffMember,
                                                                 clock: FakeClock) -> None:
    """A walk-in joining at the end of a long board changes no row on the screen: none is worked out
    or drawn again, and the rows keep their cells. A call then moves every estimate: the called row
    is worked out again, the others only take their new estimate."""
    desk = services.desk
    admit_many(services, worker, 60)
    app = BoardApp()
    async with app.run_test(size=(120, 20)) as pilot:
        board = app.query_one(QueueBoard)
        board.show(desk.snapshot(), clock())
        await pilot.pause()
        worked_out: list[int] = []
        cells = board._cells
        board._cells = lambda entry, *rest: (worked_out.append(entry.id), cells(entry, *rest))[1]  # type: ignore[method-assign]
        first = board.get_row_at(0)
        desk.admit(IntakeForm(call_name="Myöhempi"), worker.id)
        board.show(desk.snapshot(), clock())
        await pilot.pause()
        assert worked_out == [] and board.row_count == 61
        assert all(a is b for a, b in zip(board.get_row_at(0), first, strict=True))
        estimates = [str(board.get_row_at(i)[5]) for i in range(1, 15)]
        second = board.get_row_at(1)
        desk.call_next(worker.id)
        board.show(desk.snapshot(), clock())
        await pilot.pause()
        assert worked_out == [int(board._keys[0])]
        assert str(board.get_row_at(0)[3]).startswith("kutsuttu")
        assert all(str(board.get_row_at(i)[5]) != estimates[i - 1] for i in range(1, 15))
        assert all(a is b for i, (a, b) in enumerate(zip(board.get_row_at(1), second, strict=True)) if i != 5)


def _expected(board: QueueBoard, services: Services, clock: FakeClock) -> list[tuple[str, ...]]:
    """The rows on the screen as a board would draw them from a whole read of the queue."""
    whole = services.desk.snapshot(whole=True)
    shown = [i for i, column in enumerate(COLUMNS) if column in board.columns_shown]
    return [tuple(board._cells(e, whole, clock())[i].plain for i in shown) for e in whole.entries[:10]]


def _two_desks(db_url: str, settings: Settings, clock: FakeClock
               ) -> tuple[WalkinApp, Services, StaffMember, list[int], Services]:
    """This desk's app on `db_url`, its services, kaisa, eight waiting visits, and a second desk."""
    settings = settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    ids = [services.desk.admit(IntakeForm(call_name=f"Asiakas {n}"), kaisa.id).id for n in range(8)]
    other = open_services(db_url, load_profile(), clock=clock, workstation="desk-2")
    return WalkinApp(settings, clock=clock), services, kaisa, ids, other


async def test_the_desk_board_after_changes_anywhere_is_the_whole_queue(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    """The desk's board, read a change at a time, after steps at this desk and at another, shows
    what a board drawn from a whole read of the queue shows (SQLite and PostgreSQL)."""
    app, services, kaisa, ids, other = _two_desks(db_url, settings, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot)
            board = app.screen.query_one(QueueBoard)

            def rows() -> list[tuple[str, ...]]:
                return [tuple(str(cell) for cell in board.get_row_at(i)) for i in range(min(10, board.row_count))]

            steps = [
                lambda: other.desk.admit(IntakeForm(call_name="Toiselta tiskiltä"), kaisa.id),
                lambda: other.desk.call_next(kaisa.id),
                lambda: other.desk.record_triage(ids[5], {}, Urgency.ACUTE, [], kaisa.id),
                lambda: other.desk.start(ids[0], kaisa.id),
                lambda: other.desk.finish(ids[0], Outcome(), kaisa.id),
                lambda: other.desk.mark_left(ids[2], kaisa.id),
            ]
            for step in steps:
                step()
                clock.advance(1)
                await until(pilot, lambda: rows() == _expected(board, services, clock))
                await settle(pilot)
                expected = _expected(board, services, clock)
                assert rows() == expected
                # and drawn so: each row on the screen as it is in the table
                await pilot.pause()
                lines = screen_text(app).splitlines()
                assert all(any(ticket in line and status in line for line in lines)
                           for ticket, _urgency, _name, status, *_rest in expected)
    finally:
        other.close()
        services.close()


def _board_on_screen(app: WalkinApp, board: QueueBoard) -> list[str]:
    """The board's rows as the terminal shows them now, each its words (one space between)."""
    region = board.content_region
    lines = screen_text(app).splitlines()[region.y + board.header_height:region.bottom]
    return [" ".join(line[region.x:region.right].split()) for line in lines[:board.row_count]]


async def test_each_row_on_the_screen_is_its_visit_as_it_is_now(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    """A row's line is drawn once and kept while its visit, place and look stay the same. After each
    change at this desk and at another (SQLite and PostgreSQL), the board on the screen, not only
    its table, is the board of a whole read: a triage or a status changes its row; a call takes a
    little off every estimate; a client moved up, gone or finished moves the others, each line then
    with the stripe and the mouse's row number of its new place (drawn again without any kept
    line, every line comes out the same)."""
    app, services, kaisa, ids, other = _two_desks(db_url, settings, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot)
            board = app.screen.query_one(QueueBoard)
            here = app.services.desk
            steps = [
                lambda: here.record_triage(ids[3], {}, Urgency.SOON, [], kaisa.id),
                lambda: other.desk.call_next(kaisa.id),
                lambda: here.call_next(kaisa.id),
                lambda: other.desk.record_triage(ids[6], {}, Urgency.ACUTE, [], kaisa.id),
                lambda: here.start(ids[0], kaisa.id),
                lambda: here.finish(ids[0], Outcome(), kaisa.id),
                lambda: other.desk.mark_left(ids[2], kaisa.id),
                lambda: other.desk.admit(IntakeForm(call_name="Toiselta tiskiltä"), kaisa.id),
                lambda: here.return_to_queue(ids[3], kaisa.id),
            ]
            for step in steps:
                step()
                clock.advance(1)

                def whole() -> list[str]:
                    return [" ".join(" ".join(row).split()) for row in _expected(board, services, clock)]

                await until(pilot, lambda: _board_on_screen(app, board)[:10] == whole())
                await settle(pilot)
                await pilot.pause()
                assert _board_on_screen(app, board)[:10] == whole()
                kept = [board.render_line(board.header_height + y) for y in range(board.row_count)]
                assert [{segment.style.meta.get("row") for segment in line if segment.style and segment.style.meta}
                        for line in kept] == [{y} for y in range(board.row_count)]
                board._clear_caches()
                assert [list(board.render_line(board.header_height + y)) for y in range(board.row_count)] == \
                    [list(line) for line in kept]
    finally:
        other.close()
        services.close()


class CountersApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="bar")


async def test_a_line_of_the_same_size_does_not_lay_the_screen_out_again() -> None:
    """The desk's counters and banners are shown again on every queue change: the same text does
    nothing, a text of the same lines only redraws the line (a layout redraws the whole desk)."""
    app = CountersApp()
    async with app.run_test(size=(80, 10)) as pilot:
        bar = app.query_one(Static)
        show_text(bar, "Jonossa 12  Tapaamisessa 1")
        await pilot.pause()
        layouts: list[bool] = []
        refresh = bar.refresh
        bar.refresh = lambda *regions, **kw: (layouts.append(kw.get("layout", False)), refresh(*regions, **kw))[1]  # type: ignore[method-assign]
        show_text(bar, "Jonossa 12  Tapaamisessa 1")
        assert layouts == []
        show_text(bar, "Jonossa 13  Tapaamisessa 1")
        assert layouts == [False]
        show_text(bar, "Jonossa 13\nSeurannat: 2 tänään")
        assert layouts == [False, True]
        await pilot.pause()
        assert str(bar.content) == "Jonossa 13\nSeurannat: 2 tänään" and bar.size.height == 2


def _rows_on_screen(app: App[None], board: QueueBoard, services: Services, clock: FakeClock
                    ) -> tuple[list[str], list[str]]:
    """The board's rows the terminal shows now, each its words, and the same rows as a board would
    draw them from a whole read of the queue."""
    region = board.scrollable_content_region  # without the scroll bar
    lines = screen_text(app).splitlines()[region.y + board.header_height:region.bottom]  # type: ignore[arg-type]
    top = round(board.scroll_y)
    count = min(len(lines), board.row_count - top)
    whole = services.desk.snapshot(whole=True)
    shown = [i for i, column in enumerate(COLUMNS) if column in board.columns_shown]
    expected = [" ".join(" ".join(board._cells(e, whole, clock())[i].plain for i in shown).split())
                for e in whole.entries[top:top + count]]
    return [" ".join(line[region.x:region.right].split()) for line in lines[:count]], expected


async def test_after_a_call_every_estimate_on_the_screen_is_new_and_so_are_rows_scrolled_to(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """A call takes a little off every estimate of a long board: each row on the screen shows its
    new estimate at once (an estimate cell is drawn without Rich, and no line kept from before the
    call shows the old one), and rows far down, worked out only when the board scrolls to them,
    show theirs as they are now, not as they were before the call."""
    desk = services.desk
    async with long_board(services, worker, clock, 120, (120, 20)) as (app, pilot, board):
        before, expected = _rows_on_screen(app, board, services, clock)
        assert before == expected
        for _call in range(2):
            desk.call_next(worker.id)
            board.show(desk.snapshot(), clock())
            await pilot.pause()
            on_screen, expected = _rows_on_screen(app, board, services, clock)
            assert on_screen == expected
            assert all(a != b for a, b in zip(on_screen[2:], before[2:], strict=True)), "an old estimate on the screen"
            before = on_screen
        for key in ("pagedown", "pagedown", "pagedown", "end"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            on_screen, expected = _rows_on_screen(app, board, services, clock)
            assert board.scroll_y > 0 and on_screen == expected, key


async def test_a_cell_drawn_without_rich_is_the_cell_rich_draws(services: Services, worker: StaffMember,
                                                               clock: FakeClock) -> None:
    """The board draws a one-line cell in one style itself: every line on the screen, on a plain
    row, a striped row, an acute and a soon one (their own styles), the cursor's row and the
    mouse's, focused and not, is the line DataTable draws with Rich, segment for segment."""
    desk = services.desk
    admit_many(services, worker, 30)
    desk.call_next(worker.id)
    waiting = [entry.id for entry in desk.snapshot().entries if entry.status is VisitStatus.WAITING]
    desk.record_triage(waiting[-1], {}, Urgency.ACUTE, [], worker.id)
    desk.record_triage(waiting[-2], {}, Urgency.SOON, [], worker.id)
    app = BoardApp()
    async with app.run_test(size=(120, 20)) as pilot:
        board = app.query_one(QueueBoard)
        board.show(desk.snapshot(), clock())
        await pilot.pause()
        board.move_cursor(row=3)
        board.hover_coordinate = board.hover_coordinate._replace(row=5)
        for focused in (False, True):
            if focused:
                board.focus()
            await pilot.pause()
            board._clear_caches()
            ours = [list(board.render_line(y)) for y in range(board.size.height)]
            board._plain_cell = lambda *args: None  # type: ignore[method-assign]
            board._clear_caches()
            assert [list(board.render_line(y)) for y in range(board.size.height)] == ours, focused
            del board._plain_cell
