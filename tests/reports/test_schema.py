"""The report holds every key of CONTRACT §4, in its order, zero or empty when there is no data."""

import json

import pytest

from tests.reports.builders import report
from xiangzhi.reports.render import report_json

pytestmark = pytest.mark.django_db

LEVELS = {str(level): 0 for level in range(6)}
EMPTY_2023 = {
    "schema": "xiangzhi.report/1",
    "town": {"code": "410811101", "name": "宁郭镇"},
    "period": {"start": "2023-01-01", "end": "2023-12-31"},
    "villages": 2,
    "stars": {
        "targets": {"five_star": 0, "four_star": 0, "three_star_or_above_share": 0.0},
        "planned": {"by_level": LEVELS, "by_star": {}},
        "awarded": {"by_level": LEVELS, "by_star": {}},
        "review_meetings": 0,
    },
    "care": {
        "households": 0,
        "persons": 0,
        "visits": 0,
        "problems_raised": 0,
        "problems_resolved": 0,
        "practical_matters": 0,
    },
    "safety": {
        "inspections": 0,
        "inspector_person_times": 0,
        "hazards_found": 0,
        "hazards_rectified": 0,
        "hazards_open": 0,
        "hazards_overdue": 0,
        "rectification_rate": 1.0,
    },
    "public_security": {
        "cameras": 0,
        "patrol_teams": 0,
        "patrol_members": 0,
        "disputes": 0,
        "disputes_resolved": 0,
    },
    "environment": {"courtyards": {}, "cleanup_m3": {}},
    "projects": {"by_type": {}},
    "events": {"by_type": {}, "materials_distributed": 0},
    "points": {"participants": 0, "entries": 0, "points_total": 0},
    "collective_economy": {"villages_at_least_10wan": [], "total_wan": 0},
    "indicators": [],
}


def test_a_town_without_records_gets_every_key_with_zero_or_empty(world):
    assert report(world.town) == EMPTY_2023


def test_keys_come_in_the_contract_order(world):
    assert list(report(world.town)) == list(EMPTY_2023)


def test_the_json_is_utf8_chinese_not_escaped_and_reads_back_equal(world):
    built = report(world.town)
    text = report_json(built)
    assert "宁郭镇" in text
    assert json.loads(text) == built


def test_a_period_that_is_not_a_year_is_written_as_its_first_and_last_day(world):
    import datetime as dt

    quarter = report(world.town, start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    assert quarter["period"] == {"start": "2023-01-01", "end": "2023-03-31"}
