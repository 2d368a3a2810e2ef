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
