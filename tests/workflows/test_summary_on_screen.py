"""The summary's tables on a narrow screen: every row on one line of its own, its count beside its
label; a table too wide for the screen told row by row in words, the weekday-hour table in blocks."""

from __future__ import annotations

import re

import pytest

from forms.i18n import set_language
from forms.profile import ServiceProfile
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.followup_rows import PERIOD, follow_up_rows
from workflows.summary_text import fit, summary_lines

BAR_ROW = re.compile(r"^  (\S.*?) +(\d+)( █+)?$")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("width", [46, 74, 116])
def test_every_line_fits_and_each_bar_row_has_its_count_beside_its_label(
        services: Services, profile: ServiceProfile, worker: StaffMember, clock: FakeClock,
        language: str, width: int) -> None:
    follow_up_rows(services, worker, clock)
    set_language(language)  # type: ignore[arg-type]
    try:
        summary = services.reports.summary(*PERIOD)
        lines = fit(summary_lines(summary, profile, worker, width), width)
    finally:
        set_language("fi")
    assert max(len(line) for line in lines) <= width
    rows = [BAR_ROW.match(line) for line in lines]
    assert sum(1 for row in rows if row and row.group(3)) >= 5, "bar rows: label, count, bar"
    assert all(line.startswith("  ") or line == "" or not line.startswith(" ") for line in lines)


def test_a_table_wider_than_the_screen_is_told_row_by_row(
        services: Services, profile: ServiceProfile, worker: StaffMember, clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    summary = services.reports.summary(*PERIOD)
    wide = summary_lines(summary, profile, worker)
    narrow = summary_lines(summary, profile, worker, 40)
    heading = "Ohjaukset: pääsikö asiakas palveluun"
    assert heading in wide and heading in narrow
    table = narrow[narrow.index(heading) + 1:]
    table = table[:table.index("")]
    assert table and all(re.match(r"^  \S.*: .+ \d+(, .+ \d+)+$", row) for row in table), table
    assert len(wide[wide.index(heading) + 1]) > 40  # the columns' heading, as before where there is room


def test_the_weekday_hour_table_comes_in_blocks_of_hours_that_fit(
        services: Services, profile: ServiceProfile, worker: StaffMember, clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    summary = services.reports.summary(*PERIOD).model_copy(
        update={"per_weekday_hour": {f"{day}-{hour:02d}": day + hour for day in (0, 3) for hour in range(24)}})
    lines = summary_lines(summary, profile, worker, 74)
    table = lines[lines.index("Milloin asiakkaat tulevat (viikonpäivä ja tunti)") + 1:]
    assert max(len(line) for line in table) <= 74
    heads = [line for line in table if line.startswith("       ")]
    assert [line.split() for line in heads] == [[str(h) for h in range(0, 16)], [str(h) for h in range(16, 24)]]
    assert len(summary_lines(summary, profile, worker)[-3]) > 74, "one block where there is no width"
