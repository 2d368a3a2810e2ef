"""A chosen box is told by its mark, not by colour alone."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.marked_list import MarkedSelectionList


class OneList(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkedSelectionList(("Ohjausta annettu", "guidance", True), ("Aika varattu", "appointment", False))


async def test_only_the_chosen_boxes_carry_a_mark() -> None:
    app = OneList()
    async with app.run_test(size=(40, 6)) as pilot:
        chosen = app.query_one(MarkedSelectionList)

        def lines() -> list[str]:
            return [chosen.render_line(y).text for y in range(2)]

        assert "X" in lines()[0].split("Ohjausta")[0] and "X" not in lines()[1].split("Aika")[0]
        chosen.focus()
        await pilot.press("down", "space")  # the second one chosen too, the mark follows
        await pilot.pause()
        assert all("X" in line.split(word)[0] for line, word in zip(lines(), ("Ohjausta", "Aika"), strict=True))
