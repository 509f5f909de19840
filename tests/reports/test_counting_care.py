"""CONTRACT §4 counting rules of the care section, at the edges of the period (2023)."""

import pytest

from tests.reports.builders import D, household, matter, problem, report, visit

pytestmark = pytest.mark.django_db


def test_households_in_register_at_the_end_count_with_their_persons(world):
    household(world.grid, enrolled=D(2021, 5, 1), size=3)
    household(world.grid, enrolled=D(2023, 12, 31), size=2)  # enrolled on the last day
    household(world.grid2, enrolled=D(2023, 2, 1), exited=D(2024, 1, 1), size=4)  # exits after the end
    care = report(world.town)["care"]
    assert (care["households"], care["persons"]) == (3, 9)


def test_household_enrolled_after_the_end_does_not_count(world):
    household(world.grid, enrolled=D(2024, 1, 1))
    assert report(world.town)["care"]["households"] == 0


def test_household_that_exited_on_or_before_the_end_does_not_count(world):
    household(world.grid, enrolled=D(2020, 1, 1), exited=D(2023, 12, 31))
    household(world.grid, enrolled=D(2020, 1, 1), exited=D(2022, 6, 1))
    care = report(world.town)["care"]
    assert (care["households"], care["persons"]) == (0, 0)


def test_household_exited_later_still_counts_in_an_earlier_period(world):
    household(world.grid, enrolled=D(2020, 1, 1), exited=D(2023, 6, 1), size=2)
    assert report(world.town, 2022)["care"]["persons"] == 2


def test_visits_count_on_the_first_and_last_day_of_the_period_only(world):
    home = household(world.grid, enrolled=D(2020, 1, 1))
    for day in (D(2022, 12, 31), D(2023, 1, 1), D(2023, 12, 31), D(2024, 1, 1)):
        visit(home, day)
    assert report(world.town)["care"]["visits"] == 2


def test_problems_raised_count_by_their_raising_date(world):
    for day in (D(2022, 12, 31), D(2023, 1, 1), D(2023, 12, 31), D(2024, 1, 1)):
        problem(world.village, raised=day)
    assert report(world.town)["care"]["problems_raised"] == 2


def test_problems_resolved_count_by_resolution_date_even_if_raised_before(world):
    problem(world.village, raised=D(2022, 11, 1), status="已解决", resolved=D(2023, 1, 1))
    problem(world.village, raised=D(2023, 3, 1), status="已解决", resolved=D(2023, 12, 31))
    problem(world.village, raised=D(2023, 12, 1), status="已解决", resolved=D(2024, 1, 2))  # after the end
    care = report(world.town)["care"]
    assert (care["problems_raised"], care["problems_resolved"]) == (2, 2)


def test_a_problem_not_marked_resolved_is_not_counted_as_resolved(world):
    problem(world.village, raised=D(2023, 3, 1), status="办理中", resolved=D(2023, 4, 1))
    assert report(world.town)["care"]["problems_resolved"] == 0


def test_practical_matters_count_by_completion_date(world):
    for day in (D(2022, 12, 31), D(2023, 1, 1), D(2023, 12, 31), D(2024, 1, 1)):
        matter(world.village, completed=day)
    matter(world.town, completed=D(2023, 6, 1))  # a town-level 实事
    assert report(world.town)["care"]["practical_matters"] == 3
