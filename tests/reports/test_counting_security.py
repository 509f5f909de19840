"""CONTRACT §4 counting rules of public security: cameras and patrols as of the end, disputes."""

import pytest

from tests.reports.builders import D, camera, dispute, patrol, report

pytestmark = pytest.mark.django_db


def test_cameras_installed_by_the_end_or_undated_count_unless_removed(world):
    camera(world.village, installed=D(2023, 12, 31))
    camera(world.village, installed=None)
    camera(world.village2, installed=D(2020, 1, 1), status="故障")  # broken still stands
    camera(world.village, installed=D(2024, 1, 1))  # installed after the end
    camera(world.village, installed=D(2020, 1, 1), status="拆除")
    assert report(world.town)["public_security"]["cameras"] == 3


def test_patrol_teams_founded_by_the_end_or_undated_count_with_their_members(world):
    patrol(world.village, founded=D(2023, 12, 31), members=8)
    patrol(world.village2, founded=None, members=9)
    patrol(world.village, founded=D(2024, 1, 1), members=20)
    security = report(world.town)["public_security"]
    assert (security["patrol_teams"], security["patrol_members"]) == (2, 17)


def test_disputes_count_by_registration_date(world):
    for day in (D(2022, 12, 31), D(2023, 1, 1), D(2023, 12, 31), D(2024, 1, 1)):
        dispute(world.village, registered=day)
    assert report(world.town)["public_security"]["disputes"] == 2


def test_disputes_resolved_are_those_resolved_in_the_period_whenever_registered(world):
    dispute(world.village, registered=D(2022, 12, 1), status="已化解", resolved=D(2023, 1, 1))
    dispute(world.village, registered=D(2023, 12, 1), status="已化解", resolved=D(2024, 1, 1))
    dispute(world.village, registered=D(2023, 3, 1), status="已上报", resolved=None)
    security = report(world.town)["public_security"]
    assert (security["disputes"], security["disputes_resolved"]) == (2, 1)
