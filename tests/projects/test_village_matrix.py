"""The per-village view: for each project type, which villages have finished or are building."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.projects.factories import make_project
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.projects.models import ProjectStatus, ProjectType
from xiangzhi.projects.selectors import projects_under, summary_by_type, village_project_matrix

pytestmark = pytest.mark.django_db

DONE = {
    "status": ProjectStatus.COMPLETED,
    "started_on": dt.date(2022, 3, 1),
    "completed_on": dt.date(2022, 9, 1),
}
BUILDING = {"status": ProjectStatus.IN_PROGRESS, "started_on": dt.date(2023, 3, 1)}


def _cell(matrix, label, kind):
    row = next(row for row in matrix.rows if row.label == label)
    return row.cells[matrix.kinds.index(kind)]


def test_the_matrix_shows_which_villages_finished_their_sewers(world):
    make_project(world.grid, kind="污水管网", **DONE)
    make_project(world.grid2, kind="污水管网", **BUILDING)
    make_project(world.grid2, kind="村道大修", **DONE)
    make_project(world.grid2, kind="村道大修")
    make_project(world.town, kind="河道疏通", **DONE)
    make_project(world.other_grid, kind="污水管网", **DONE)  # another town

    matrix = village_project_matrix(world.users["town_admin"], world.town)

    assert [row.label for row in matrix.rows] == ["宁郭镇（镇级项目）", "桥湾村", "村1"]
    assert _cell(matrix, "桥湾村", "污水管网").completed == 1
    assert _cell(matrix, "村1", "污水管网").in_progress == 1
    assert (_cell(matrix, "村1", "村道大修").completed, _cell(matrix, "村1", "村道大修").planned) == (1, 1)
    assert _cell(matrix, "桥湾村", "绿化").empty
    sewer = matrix.kinds.index("污水管网")
    assert matrix.villages_completed()[sewer] == 1
    assert matrix.villages_in_progress()[sewer] == 1
    assert matrix.villages_without()[matrix.kinds.index("绿化")] == 2


def test_a_retired_type_still_carried_by_projects_gets_a_column_at_the_end(world):
    make_project(world.grid, kind="绿化")
    ProjectType.objects.filter(name="绿化").update(active=False)

    matrix = village_project_matrix(world.users["town_admin"], world.town)

    assert matrix.kinds[-1] == "绿化"
    assert _cell(matrix, "桥湾村", "绿化").planned == 1


def test_a_village_cadre_sees_only_their_village(world):
    make_project(world.grid, kind="污水管网", **DONE)
    make_project(world.grid2, kind="污水管网", **DONE)

    matrix = village_project_matrix(world.users["village_cadre"], world.village)

    assert [row.label for row in matrix.rows] == ["桥湾村"]


def test_summary_by_type_counts_length_of_built_projects_only(world):
    make_project(world.grid, kind="村道大修", length_m=900, **DONE)
    make_project(world.grid2, kind="村道大修", length_m=400, **BUILDING)
    make_project(world.grid2, kind="村道大修", length_m=5000)

    summary = summary_by_type(projects_under(world.users["town_admin"], world.town), world.town)

    assert [(s.kind, s.planned, s.in_progress, s.completed, s.length_m) for s in summary] == [
        ("村道大修", 1, 1, 1, 1300)
    ]


def test_the_matrix_page_query_count_does_not_grow_with_villages(world, client_for):
    client = client_for("town_admin")
    make_project(world.grid, kind="污水管网", **DONE)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("projects-village-matrix"))
    for index in range(12):
        village = OrgUnit.objects.add_child(
            world.town, {"code": f"41081110130{index:02d}", "name": f"新村{index}", "level": OrgLevel.VILLAGE}
        )
        make_project(village, kind="污水管网", **DONE)
        make_project(village, kind="村道大修", **BUILDING)

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("projects-village-matrix"))

    page = response.content.decode()
    assert page.count("<td>新村") == 12
    assert len(many) == len(few)


def test_the_home_page_lists_types_in_their_order(world, client_for):
    make_project(world.grid, kind="绿化")
    make_project(world.grid, kind="村道大修")

    page = client_for("town_admin").get(reverse("projects-home")).content.decode()

    assert page.index("村道大修") < page.index("绿化")


def test_each_cell_links_to_the_list_of_its_projects(world, client_for):
    client = client_for("town_admin")
    village_project = make_project(world.grid, kind="污水管网", **DONE)
    town_project = make_project(world.town, kind="污水管网", **DONE)
    matrix = village_project_matrix(world.users["town_admin"], world.town)
    rows = {row.label: row for row in matrix.rows}

    village_list = client.get(
        f"/ledgers/projects/?{rows['桥湾村'].list_filter}&kind=污水管网"
    ).content.decode()
    town_list = client.get(
        f"/ledgers/projects/?{rows['宁郭镇（镇级项目）'].list_filter}&kind=污水管网"
    ).content.decode()

    assert village_project.project_no in village_list and town_project.project_no not in village_list
    assert town_project.project_no in town_list and village_project.project_no not in town_list
