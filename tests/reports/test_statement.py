"""The report runs as one SQL statement, compiled once per shape and bound afresh for each report."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports.builders import D, household, inspection, report, visit
from xiangzhi.core.models import system_user
from xiangzhi.reports.period import Period
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors import report_statement

pytestmark = pytest.mark.django_db


def test_two_towns_share_one_compiled_statement_and_each_gets_its_own_figures(world):
    visit(household(world.village, D(2022, 1, 1)), D(2023, 5, 1))
    inspection(world.orgs["other_village"], D(2023, 6, 1))
    mine, theirs = (
        ReportScope(unit, Period.of_year(2023), system_user()) for unit in (world.town, world.other_town)
    )
    assert report_statement(mine) is report_statement(theirs)
    assert report(world.town)["care"]["visits"] == 1
    assert report(world.town)["safety"]["inspections"] == 0
    assert report(world.other_town)["care"]["visits"] == 0
    assert report(world.other_town)["safety"]["inspections"] == 1


def test_each_period_is_bound_afresh(world):
    home = household(world.village, D(2022, 1, 1))
    visit(home, D(2023, 3, 31))
    visit(home, D(2023, 4, 1))
    first_quarter = report(world.town, start=D(2023, 1, 1), end=D(2023, 3, 31))
    second_quarter = report(world.town, start=D(2023, 4, 1), end=D(2023, 6, 30))
    assert (first_quarter["care"]["visits"], second_quarter["care"]["visits"]) == (1, 1)
    assert report(world.town, 2022)["care"]["visits"] == 0


def test_readers_with_different_subtrees_get_different_statements(world):
    period = Period.of_year(2023)
    reviewer = ReportScope(world.town, period, world.users["county_reviewer"])
    town_admin = ReportScope(world.town, period, world.users["town_admin"])
    operator = ReportScope(world.town, period, system_user())
    statements = {id(report_statement(scope)) for scope in (reviewer, town_admin, operator)}
    assert len(statements) == 3


def test_a_report_is_one_query(world):
    visit(household(world.village, D(2022, 1, 1)), D(2023, 5, 1))
    reader = system_user()
    report(world.town, user=reader)  # compiles the statement
    for unit in (world.town, world.county):
        report(unit, user=reader)
        with CaptureQueriesContext(connection) as captured:
            report(unit, user=reader)
        assert len(captured) == 1


def test_a_reader_who_sees_nothing_gets_zeros_not_an_error(world):
    visit(household(world.village, D(2022, 1, 1)), D(2023, 5, 1))
    stranger = get_user_model().objects.create_user(username="stranger", password="x" * 16)
    figures = report(world.town, user=stranger)
    assert figures["care"]["visits"] == 0
    assert figures["villages"] == 0
    assert figures["events"]["by_type"] == {}
