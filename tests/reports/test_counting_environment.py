"""CONTRACT §4 counting rules of the environment section: yearly courtyards, clean-up volumes."""

import pytest

from tests.reports.builders import D, cleanup, courtyard, report

pytestmark = pytest.mark.django_db


def test_courtyards_are_those_rated_in_the_year_of_the_period_end(world):
    courtyard(world.village, 2023, "五美庭院")
    courtyard(world.village, 2024, "五美庭院")
    courtyard(world.village2, 2024, "美丽庭院")
    spanning = report(world.town, start=D(2023, 7, 1), end=D(2024, 6, 30))
    assert spanning["environment"]["courtyards"] == {"五美庭院": 1, "美丽庭院": 1}


def test_only_the_ratings_that_occur_are_listed(world):
    courtyard(world.village, 2023, "未达标")
    assert report(world.town)["environment"]["courtyards"] == {"未达标": 1}


def test_cleanup_volumes_are_summed_by_kind_inside_the_period(world):
    cleanup(world.village, D(2023, 1, 1), "建筑垃圾", "100")
    cleanup(world.village2, D(2023, 12, 31), "建筑垃圾", "50.5")
    cleanup(world.village, D(2024, 1, 1), "生活垃圾", "999")
    assert report(world.town)["environment"]["cleanup_m3"] == {"建筑垃圾": 150.5}


def test_whole_volumes_are_written_as_integers(world):
    cleanup(world.village, D(2023, 5, 1), "生活垃圾", "25000.00")
    assert report(world.town)["environment"]["cleanup_m3"] == {"生活垃圾": 25000}
    assert isinstance(report(world.town)["environment"]["cleanup_m3"]["生活垃圾"], int)
