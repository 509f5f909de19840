"""CONTRACT §4 counting rules of projects: completed in the period, under construction, villages."""

import pytest

from tests.reports.builders import D, project, report

pytestmark = pytest.mark.django_db


def test_completed_counts_projects_finished_inside_the_period(world):
    project(world.village, completed=D(2023, 1, 1), length=1000)
    project(world.village2, completed=D(2023, 12, 31), length=500)
    project(world.village, completed=D(2024, 1, 1), length=700)  # completed after the end
    project(world.village, completed=D(2022, 12, 31), length=700)
    roads = report(world.town)["projects"]["by_type"]["村道大修"]
    assert (roads["completed"], roads["villages_completed"], roads["length_m"]) == (2, 2, 1500)


def test_in_progress_counts_every_project_under_construction(world):
    project(world.village, kind="污水管网", status="在建", length=300, wan="20")
    project(world.village, kind="污水管网", status="在建", length=200, wan="15.5")
    sewers = report(world.town)["projects"]["by_type"]["污水管网"]
    assert sewers == {
        "completed": 0,
        "in_progress": 2,
        "villages_completed": 0,
        "villages_in_progress": 1,
        "length_m": 500,
        "investment_wan": 35.5,
    }


def test_in_progress_counts_only_projects_started_by_the_period_end(world):
    project(world.village, kind="污水管网", status="在建", started=D(2023, 12, 31), length=300)
    project(world.village2, kind="污水管网", status="在建", started=None, length=200)  # start unknown
    project(world.village2, kind="污水管网", status="在建", started=D(2024, 1, 1), length=900)
    sewers = report(world.town)["projects"]["by_type"]["污水管网"]
    assert (sewers["in_progress"], sewers["villages_in_progress"], sewers["length_m"]) == (2, 2, 500)


def test_a_project_started_after_the_period_is_not_listed_at_all(world):
    project(world.village, kind="绿化", status="在建", started=D(2024, 3, 1), wan="250")
    assert report(world.town)["projects"]["by_type"] == {}


def test_town_level_projects_count_as_projects_but_not_as_villages(world):
    project(world.town, kind="河道疏通", completed=D(2023, 6, 1), length=1520)
    dredging = report(world.town)["projects"]["by_type"]["河道疏通"]
    assert (dredging["completed"], dredging["villages_completed"]) == (1, 0)


def test_planned_projects_and_types_with_nothing_in_the_period_are_not_listed(world):
    project(world.village, kind="绿化", status="计划")
    project(world.village, kind="村道大修", completed=D(2022, 5, 1))
    assert report(world.town)["projects"]["by_type"] == {}
