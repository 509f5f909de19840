"""The number of SQL queries of a report does not grow with the number of records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports.builders import (
    D,
    cleanup,
    courtyard,
    event,
    hazard,
    household,
    income,
    inspection,
    plan,
    points,
    problem,
    project,
    report,
    visit,
)
from xiangzhi.core.models import system_user

pytestmark = pytest.mark.django_db


def _add_records(world, n: int) -> None:
    for index in range(n):
        village = world.village if index % 2 else world.village2
        home = household(village, D(2022, 1, 1), size=1 + index % 4)
        visit(home, D(2023, 1 + index % 12, 10))
        problem(village, D(2023, 2, 1), status="已解决", resolved=D(2023, 3, 1))
        hazard(inspection(village, D(2023, 4, 1)), status="已销号", rectified=D(2023, 4, 3))
        event(village, ["宣讲会", "讲评会", "宣传活动"][index % 3], D(2023, 5, 1), materials=10)
        project(village, ["村道大修", "污水管网"][index % 2], completed=D(2023, 6, 1), length=100)
        courtyard(village, 2023, ["五美庭院", "美丽庭院"][index % 2])
        cleanup(village, D(2023, 7, 1), ["建筑垃圾", "生活垃圾"][index % 2])
        points(village, f"人{index}", D(2023, 8, 1))


def _add_yearly_records(world) -> None:
    income(world.village, 2023, "12")
    plan(world.village, 2023, ["产业兴旺星"])


def _queries(unit, user=None) -> int:
    user = user or system_user()  # the reader is found before counting: it is not the report's
    with CaptureQueriesContext(connection) as captured:
        report(unit, user=user)
    return len(captured)


@pytest.mark.parametrize("unit", ["town", "county"])
def test_report_queries_are_the_same_for_few_and_many_records(world, unit):
    _add_yearly_records(world)
    _add_records(world, 3)
    few = _queries(world.orgs[unit])
    _add_records(world, 40)
    many = _queries(world.orgs[unit])
    assert few == many
    assert report(world.orgs[unit])["care"]["households"] == 43


def test_a_web_reader_s_report_queries_are_the_same_for_few_and_many_records(world):
    reader = world.users["county_reviewer"]
    reader.scope_paths()  # a request loads the reader's assignments once, before any report
    _add_records(world, 3)
    few = _queries(world.town, reader)
    _add_records(world, 40)
    assert _queries(world.town, reader) == few


def test_the_report_page_queries_are_the_same_for_few_and_many_records(world, client_for):
    client = client_for("town_admin")
    _add_records(world, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/reports/{world.town.code}/?year=2023").status_code == 200
    _add_records(world, 40)
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/reports/{world.town.code}/?year=2023").status_code == 200
    assert len(few) == len(many)
