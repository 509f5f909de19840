"""CONTRACT §4: star targets, plans and results of the year; collective income; indicators."""

import pytest

from tests.reports.builders import D, income, indicator, plan, report, result, target

pytestmark = pytest.mark.django_db

BRANCH, INDUSTRY, ECOLOGY = "支部过硬星", "产业兴旺星", "生态宜居星"


def test_star_targets_of_the_year_of_the_period_end(world):
    target(world.town, 2023, five=1, four=3, share="0.67")
    target(world.town, 2024, five=2, four=4, share="0.80")
    assert report(world.town)["stars"]["targets"] == {
        "five_star": 1,
        "four_star": 3,
        "three_star_or_above_share": 0.67,
    }


def test_plans_by_level_always_list_levels_0_to_5(world):
    plan(world.village, 2023, [INDUSTRY, ECOLOGY])
    plan(world.village2, 2023, [BRANCH, INDUSTRY, ECOLOGY])
    plan(world.village, 2022, [INDUSTRY])
    planned = report(world.town)["stars"]["planned"]
    assert planned["by_level"] == {"0": 0, "1": 0, "2": 1, "3": 1, "4": 0, "5": 0}
    assert planned["by_star"] == {BRANCH: 1, INDUSTRY: 2, ECOLOGY: 2}


def test_awarded_counts_results_including_villages_with_no_star(world):
    result(world.village, 2023, [])
    result(world.village2, 2023, [ECOLOGY])
    awarded = report(world.town)["stars"]["awarded"]
    assert awarded["by_level"] == {"0": 1, "1": 1, "2": 0, "3": 0, "4": 0, "5": 0}
    assert awarded["by_star"] == {ECOLOGY: 1}


def test_villages_at_or_above_10_wan_and_the_total_of_the_year(world):
    income(world.village, 2023, "10")
    income(world.village2, 2023, "9.99")
    income(world.village2, 2022, "50")
    economy = report(world.town)["collective_economy"]
    assert economy == {"villages_at_least_10wan": ["桥湾村"], "total_wan": 19.99}


def test_indicators_whose_period_lies_inside_the_year(world):
    indicator(world.town, "规模以上工业增加值", "2022", "3420")
    indicator(world.town, "规模以上工业增加值", "2023", "3600")
    indicator(world.town, "规模以上工业增加值", "2023Q1", "726")
    indicator(world.town, "固定资产投资同比增长", "2023-03", "8.2", unit="%")
    rows = report(world.town)["indicators"]
    assert [(row["period"], row["value"]) for row in rows] == [
        ("2023-03", 8.2),
        ("2023", 3600),
        ("2023Q1", 726),
    ]


def test_a_quarter_report_holds_the_quarter_and_its_months_not_the_year_or_half(world):
    for code in ("2023", "2023H1", "2023Q1", "2023-02", "2023Q2"):
        indicator(world.town, "社会消费品零售总额", code, "1")
    quarter = report(world.town, start=D(2023, 1, 1), end=D(2023, 3, 31))
    assert [row["period"] for row in quarter["indicators"]] == ["2023-02", "2023Q1"]
