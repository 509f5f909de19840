"""CONTRACT §4 counting rules of the safety section: inspections, hazards found and rectified."""

import pytest

from tests.reports.builders import D, hazard, inspection, report

pytestmark = pytest.mark.django_db


def test_inspections_and_person_times_count_inside_the_period(world):
    inspection(world.grid, D(2022, 12, 31), person_times=9)
    inspection(world.grid, D(2023, 1, 1), person_times=5)
    inspection(world.grid2, D(2023, 12, 31), person_times=6)
    inspection(world.grid, D(2024, 1, 1), person_times=9)
    safety = report(world.town)["safety"]
    assert (safety["inspections"], safety["inspector_person_times"]) == (2, 11)


def test_hazards_are_found_on_the_date_of_their_inspection(world):
    hazard(inspection(world.grid, D(2023, 1, 1)))
    hazard(inspection(world.grid, D(2023, 12, 31)))
    hazard(inspection(world.grid, D(2024, 1, 1)))
    assert report(world.town)["safety"]["hazards_found"] == 2


def test_hazard_found_before_the_period_is_not_counted_even_when_rectified_in_it(world):
    hazard(inspection(world.grid, D(2022, 12, 20)), status="已销号", rectified=D(2023, 1, 5))
    safety = report(world.town)["safety"]
    assert (safety["hazards_found"], safety["hazards_rectified"]) == (0, 0)


def test_rectified_means_a_done_status_with_its_date_by_the_end(world):
    found = inspection(world.grid, D(2023, 11, 1))
    hazard(found, status="已整改", rectified=D(2023, 11, 5))
    hazard(found, status="已销号", rectified=D(2023, 12, 31))
    hazard(found, status="已整改", rectified=D(2024, 1, 3))  # rectified after the period end
    hazard(found, status="整改中")
    safety = report(world.town)["safety"]
    assert (safety["hazards_found"], safety["hazards_rectified"], safety["hazards_open"]) == (4, 2, 2)
    assert safety["rectification_rate"] == 0.5


def test_overdue_are_the_unrectified_hazards_whose_deadline_passed_before_the_end(world):
    found = inspection(world.grid, D(2023, 12, 1))
    hazard(found, status="待整改", deadline=D(2023, 12, 30))  # overdue
    hazard(found, status="待整改", deadline=D(2023, 12, 31))  # due on the last day: not yet overdue
    hazard(found, status="已整改", rectified=D(2024, 1, 5), deadline=D(2023, 12, 10))  # done too late
    hazard(found, status="已销号", rectified=D(2023, 12, 5), deadline=D(2023, 12, 3))  # done, if late
    assert report(world.town)["safety"]["hazards_overdue"] == 2


def test_rectification_rate_is_rounded_to_four_decimals(world):
    found = inspection(world.grid, D(2023, 5, 1))
    hazard(found, status="已整改", rectified=D(2023, 5, 2))
    hazard(found, status="已整改", rectified=D(2023, 5, 2))
    hazard(found)
    assert report(world.town)["safety"]["rectification_rate"] == 0.6667


def test_rectification_rate_is_one_when_no_hazard_was_found(world):
    inspection(world.grid, D(2023, 5, 1))
    assert report(world.town)["safety"]["rectification_rate"] == 1.0
