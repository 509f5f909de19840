"""CONTRACT §4 counting rules of events (and 讲评会) and of the points ledger."""

import pytest

from tests.reports.builders import D, event, points, report

pytestmark = pytest.mark.django_db


def test_events_are_counted_by_type_inside_the_period(world):
    event(world.town, "专题大讲堂", D(2023, 1, 1), participants=100)
    event(world.village, "专题大讲堂", D(2023, 12, 31), participants=50)
    event(world.village, "宣传活动", D(2023, 6, 1), participants=80, materials=600)
    event(world.village, "宣传活动", D(2024, 1, 1), participants=80, materials=600)
    events = report(world.town)["events"]
    assert events["by_type"] == {
        "专题大讲堂": {"count": 2, "participants": 150, "materials": 0},
        "宣传活动": {"count": 1, "participants": 80, "materials": 600},
    }


def test_materials_distributed_sums_all_events_of_the_period(world):
    event(world.village, "宣传活动", D(2023, 2, 1), materials=600)
    event(world.village, "安全宣讲", D(2023, 3, 1), materials=6000)
    event(world.village, "安全宣讲", D(2022, 3, 1), materials=6000)
    assert report(world.town)["events"]["materials_distributed"] == 6600


def test_review_meetings_are_the_period_s_讲评会(world):
    event(world.town, "讲评会", D(2023, 1, 1))
    event(world.town, "讲评会", D(2023, 12, 31))
    event(world.town, "讲评会", D(2022, 12, 31))
    event(world.town, "宣讲会", D(2023, 5, 1))
    assert report(world.town)["stars"]["review_meetings"] == 2


def test_points_participants_are_distinct_people_with_an_entry_in_the_period(world):
    points(world.village, "张某一", D(2023, 1, 1), 5)
    points(world.village, "张某一", D(2023, 12, 31), -2)
    points(world.village2, "张某一", D(2023, 3, 1), 3)  # same name, another village: another person
    points(world.village, "李某一", D(2024, 1, 1), 5)
    assert report(world.town)["points"] == {"participants": 2, "entries": 3, "points_total": 6}
