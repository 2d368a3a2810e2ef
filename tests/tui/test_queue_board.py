"""The queue board follows the queue row by row: a walk-in joins at the end, a call changes its
row, a client who left goes, a triage that moves a client up reorders it, and the worker's chosen
row stays chosen through it all; what it shows is the queue's order, whichever way it was drawn."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets.data_table import ColumnKey, RowKey

from forms.choices import Urgency
from forms.intake import IntakeForm
from forms.profile import load_profile
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tui.widgets import QueueBoard
from tui.widgets.queue_board import MARGIN


def admit_many(services: Services, worker: StaffMember, count: int) -> None:
    for n in range(count):
        services.desk.admit(IntakeForm(call_name=f"Asiakas {n}"), worker.id)


class BoardApp(App[None]):
    def compose(self) -> ComposeResult:
        yield QueueBoard(load_profile())


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
        desk.call_next(worker.id)  # the first row changes in place: called
        assert await shown() == [*ids, later]
        assert "Asiakas 0" in str(board.get_row(str(ids[0]))) and board.selected_id == chosen
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
        worked_out.clear()
        desk.call_next(worker.id)
        board.show(desk.snapshot(), clock())
        await pilot.pause()
        assert last.id in worked_out and snapshot.entries[0].id not in worked_out
        assert board.selected_id == last.id


async def test_end_and_home_go_to_the_last_and_the_first_client(services: Services, worker: StaffMember,
                                                              clock: FakeClock) -> None:
    """A worker's End and Home on a long board go to the end of the queue and back to its start (a
    DataTable's own End and Home scroll sideways, which a row board never needs), with the rows
    there shown at once."""
    desk = services.desk
    admit_many(services, worker, 320)
    entries = desk.snapshot().entries
    app = BoardApp()
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.query_one(QueueBoard)
        board.show(desk.snapshot(), clock())
        board.focus()
        await pilot.pause()
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
    desk = services.desk
    admit_many(services, worker, 320)
    app = BoardApp()
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.query_one(QueueBoard)
        board.show(desk.snapshot(), clock())
        board.focus()
        for key in ("end", "home", "pagedown"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert board.max_scroll_x == 0, key
