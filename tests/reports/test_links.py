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
    points,
    problem,
    project,
    visit,
)
from xiangzhi.core.current import SESSION_KEY
from xiangzhi.core.models import system_user
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
        project(village, completed=D(2023, 9, 1), length=100, wan="10")
        project(village, status="在建", started=D(2023, 5, 1), length=40, wan="3")
        project(village, status="在建", started=D(2024, 2, 1), length=900, wan="70")  # not yet begun
        event(village, "安全演练", D(2023, 5, 1), materials=300)
        event(village, "安全宣讲", D(2023, 5, 2), materials=200)
        points(village, "张某", D(2023, 5, 3))
        points(village, "张某", D(2022, 5, 3))


def _all_figures(narrative):
    for section in narrative.sections:
        for block in section.blocks:
            parts = [cell for row in block.rows for cell in row] if isinstance(block, Table) else block.parts
            yield from (part for part in parts if isinstance(part, Figure))


def _figures(narrative):
    yield from (figure for figure in _all_figures(narrative) if figure.link)


def _narrative(town, period):
    return build_narrative(build_report(ReportScope(town, period, system_user())), period)


def _records(client, town, link):
    response = client.get(f"/reports/{town.code}/records/{link.ledger}/", link.params, follow=True)
    assert response.status_code == 200, link
    return response.context["page_obj"]


SECOND_QUARTER = Period(D(2023, 4, 1), D(2023, 6, 30))


@pytest.mark.parametrize("period", [Period.of_year(2023), SECOND_QUARTER], ids=["year", "quarter"])
def test_each_exact_figure_link_lists_as_many_records_as_the_figure_counts(world, client_for, period):
    _fill(world)
    client = client_for("county_reviewer")
    checked = []
    for figure in _figures(_narrative(world.town, period)):
        assert figure.link.exact, (figure.text, figure.link.missing_filters())
        if figure.link.counts_records:
            assert _records(client, world.town, figure.link).paginator.count == figure.value, figure
            checked.append(figure.link.ledger)
    assert {"inspections", "hazards", "disputes", "events", "projects", "points"} <= set(checked)


@pytest.mark.parametrize("period", [Period.of_year(2023), SECOND_QUARTER], ids=["year", "quarter"])
def test_every_figure_of_the_report_is_a_link(world, period):
    _fill(world)
    assert [f.text for f in _all_figures(_narrative(world.town, period)) if f.link is None] == []


def test_project_lengths_and_investments_link_to_the_projects_they_add_up(world, client_for):
    _fill(world)
    client = client_for("town_admin")
    period = Period.of_year(2023)
    roads = [f for f in _figures(_narrative(world.town, period)) if f.link.ledger == "projects"]
    sums = {}
    for figure in roads:
        listed = _records(client, world.town, figure.link).object_list
        sums[figure.text] = (sum(p.length_m for p in listed), sum(p.investment_wan for p in listed))
    # The town's two villages: two completed (100 m each), two under construction (40 m each).
    assert sums["280米"] == sums["26万元"] == (280, 26)


def test_the_safety_materials_link_lists_both_kinds_of_events(world, client_for):
    _fill(world)
    materials = next(f for f in _figures(_narrative(world.town, Period.of_year(2023))) if f.text == "1000份")
    listed = _records(client_for("town_admin"), world.town, materials.link).object_list
    assert sorted(e.kind for e in listed) == ["安全宣讲"] * 2 + ["安全演练"] * 2


def test_following_a_figure_opens_the_report_s_unit_without_switching_the_session(world, client_for):
    client = client_for("county_reviewer")
    response = client.get(f"/reports/{world.town.code}/records/hazards/?found_after=2023-01-01")
    assert response.status_code == 302
    assert response["Location"] == f"/ledgers/hazards/?found_after=2023-01-01&at={world.town.code}"
    assert SESSION_KEY not in client.session  # a GET changes nothing
    listing = client.get(response["Location"])
    assert listing.context["current_org"] == world.town
    assert f'name="at" value="{world.town.code}"' in listing.content.decode()  # the filter form keeps it
    assert client.get("/").context["current_org"] == world.county  # other pages stay where they were


def test_a_unit_named_in_the_url_outside_the_user_s_subtree_is_ignored(world, client_for):
    client = client_for("village_cadre")
    listing = client.get(f"/ledgers/hazards/?at={world.other_town.code}")
    assert listing.context["current_org"] == world.village


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
