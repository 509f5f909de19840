"""A hazard counts as rectified in a star year as the hazard list and the report count it: done
(已整改/已销号) with its 整改完成日期 by the year's end. The metric used to count the status alone, so
a hazard of 2023 rectified in January 2024 made 2023's task met while the 2023 report said open."""

import datetime as dt

import pytest

from tests.safety.factories import make_hazard, make_inspection
from xiangzhi.stars.choices import TaskStatus
from xiangzhi.stars.readiness import town_readiness

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _standard(town_example_standard, full_plan):
    return town_example_standard


def _task(world, title: str):
    village = town_readiness(world.town, 2023, world.users["town_admin"], villages=[world.village]).villages[
        0
    ]
    return next(t for s in village.stars for t in s.tasks if t.task.title == title)


def _found_2023(world, **fields):
    inspection = make_inspection(world.grid, inspected_on=dt.date(2023, 5, 4))
    return make_hazard(world.grid, inspection=inspection, **fields)


def test_a_hazard_rectified_after_the_year_is_open_in_that_year(world):
    _found_2023(world, status="已整改", rectified_on=dt.date(2024, 1, 10))
    task = _task(world, "本年度排查发现的隐患全部整改")
    assert (task.status, task.figure.text) == (TaskStatus.NOT_MET, "已整改 0/1 处")


def test_a_hazard_rectified_within_the_year_is_done(world):
    _found_2023(world, status="已销号", rectified_on=dt.date(2023, 12, 31))
    task = _task(world, "本年度排查发现的隐患全部整改")
    assert (task.status, task.figure.text) == (TaskStatus.MET, "已整改 1/1 处")


def test_a_major_hazard_rectified_after_the_year_was_open_at_its_end(world):
    _found_2023(world, grade="重大", status="已整改", rectified_on=dt.date(2024, 1, 10))
    assert _task(world, "无未整改的重大隐患").status == TaskStatus.NOT_MET
