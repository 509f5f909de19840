"""Every figure of the html report links to the list of the records it counts."""

import re
from urllib.parse import unquote

import pytest

from tests.reports.builders import (
    D,
    camera,
    cleanup,
    courtyard,
    dispute,
    event,
    hazard,
    household,
    inspection,
    patrol,
    problem,
    project,
    visit,
)
from xiangzhi.core.current import SESSION_KEY
from xiangzhi.reports.narrative import Figure, Table, build_narrative
from xiangzhi.reports.period import Period
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors import build_report

pytestmark = pytest.mark.django_db


def _fill(world) -> None:
    """Records inside and outside 2023 for most figures, in both towns."""
    for grid in (world.grid, world.grid2, world.other_grid):
        home = household(grid, D(2022, 1, 1))
        household(grid, D(2021, 1, 1), exited=D(2023, 5, 1))
        visit(home, D(2023, 3, 1))
        visit(home, D(2022, 3, 1))
        found = inspection(grid, D(2023, 4, 1))
        hazard(found, status="已销号", rectified=D(2023, 4, 2))
        hazard(inspection(grid, D(2022, 4, 1)))
        problem(grid, D(2023, 2, 1), status="已解决", resolved=D(2023, 2, 9))
        problem(grid, D(2022, 2, 1))
    for village in (world.village, world.village2, world.other_village):
        camera(village, D(2022, 1, 1))
        patrol(village, D(2022, 1, 1))
        dispute(village, D(2023, 6, 1), status="已化解", resolved=D(2023, 6, 9))
        courtyard(village, 2023, "五美庭院")
        courtyard(village, 2022, "五美庭院")
        cleanup(village, D(2023, 7, 1))
        event(village, "宣讲会", D(2023, 8, 1))
        event(village, "宣讲会", D(2022, 8, 1))
        project(village, completed=D(2023, 9, 1), length=100)


def _figures(narrative):
    for section in narrative.sections:
        for block in section.blocks:
            parts = [cell for row in block.rows for cell in row] if isinstance(block, Table) else block.parts
            yield from (part for part in parts if isinstance(part, Figure) and part.link)


def test_each_exact_figure_link_lists_as_many_records_as_the_figure_counts(world, client_for):
    _fill(world)
    client = client_for("county_reviewer")
    period = Period.of_year(2023)
    narrative = build_narrative(build_report(ReportScope(world.town, period)), period)
    checked = []
    for figure in _figures(narrative):
        if not (figure.link.exact and figure.link.counts_records):
            continue
        query = "&".join(f"{key}={value}" for key, value in figure.link.params.items())
        response = client.get(
            f"/reports/{world.town.code}/records/{figure.link.ledger}/?{query}", follow=True
        )
        assert response.status_code == 200, figure
        assert response.context["page_obj"].paginator.count == figure.value, (figure.text, figure.link)
        checked.append(figure.link.ledger)
    assert {"visits", "inspections", "hazards", "disputes", "courtyards", "events"} <= set(checked)


def test_following_a_figure_switches_to_the_report_s_unit(world, client_for):
    client = client_for("county_reviewer")
    response = client.get(f"/reports/{world.town.code}/records/hazards/?found_after=2023-01-01")
    assert response.status_code == 302
    assert response["Location"] == "/ledgers/hazards/?found_after=2023-01-01"
    assert client.session[SESSION_KEY] == world.town.pk


def test_a_figure_link_outside_the_user_s_subtree_is_404(world, client_for):
    client = client_for("village_cadre")
    assert client.get(f"/reports/{world.town.code}/records/hazards/").status_code == 404
    assert client_for("town_admin").get(f"/reports/{world.town.code}/records/nope/").status_code == 404


def test_the_report_page_renders_figures_as_links(world, client_for):
    _fill(world)
    html = client_for("town_admin").get(f"/reports/{world.town.code}/?year=2023").content.decode()
    hrefs = re.findall(r'<a class="figure" href="([^"]+)"', html)
    assert any(
        unquote(h).startswith(f"/reports/{world.town.code}/records/hazards/?found_after=2023-01-01")
        for h in hrefs
    )
    assert "2户" in html and "6人" in html  # households of the town in the register at the end of 2023
