"""The demo 宁郭镇 reproduces the newspaper article's figures (DOMAIN.md §13) in its reports.

Which report holds which figure: the 2023 report holds the 2023 ("今年以来", "全年") figures and the
stocks; the 2022 report holds the 2022 infrastructure works and economic values; the 2021 report
the base values the article's growth starts from.
"""

import pytest

from xiangzhi.core.models import system_user
from xiangzhi.reports.period import Period
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors import build_report


@pytest.fixture(scope="module")
def reports(demo_db):
    return {
        year: build_report(ReportScope(demo_db, Period.of_year(year), system_user()))
        for year in (2021, 2022, 2023)
    }


@pytest.fixture(scope="module")
def r2023(reports):
    return reports[2023]


@pytest.fixture(scope="module")
def r2022(reports):
    return reports[2022]


def _indicators(report) -> dict:
    return {(row["name"], row["period"]): (row["value"], row["unit"]) for row in report["indicators"]}


def test_the_town_has_18_villages(r2023):
    assert r2023["town"] == {"code": "410811101", "name": "宁郭镇"}
    assert r2023["villages"] == 18


def test_lectures_briefings_and_review_meetings(r2023):
    by_type = r2023["events"]["by_type"]
    assert by_type["专题大讲堂"]["count"] == 10  # 专题大讲堂10期
    assert by_type["宣讲会"]["count"] > 30  # 宣讲会30余场
    assert by_type["讲评会"]["count"] == r2023["stars"]["review_meetings"] == 6  # 书记讲评会6期


def test_star_targets_1_3_and_67_percent(r2023):
    assert r2023["stars"]["targets"] == {"five_star": 1, "four_star": 3, "three_star_or_above_share": 0.67}


def test_star_plans_match_the_worked_check_12_of_18_at_three_stars_or_more(r2023):
    by_level = r2023["stars"]["planned"]["by_level"]
    assert by_level == {"0": 0, "1": 0, "2": 6, "3": 8, "4": 3, "5": 1}
    assert by_level["3"] + by_level["4"] + by_level["5"] == 12
    assert r2023["stars"]["planned"]["by_star"]["支部过硬星"] == 1  # the capstone, five-star village only


def test_care_57_households_168_persons_45_problems_10_matters(r2023):
    care = r2023["care"]
    assert (care["households"], care["persons"]) == (57, 168)
    assert care["problems_resolved"] == 45
    assert care["practical_matters"] == 10


def test_economic_indicators_2022_2021_and_2023q1(reports):
    assert _indicators(reports[2021]) == {
        ("规模以上工业增加值", "2021"): (3152, "万元"),
        ("社会消费品零售总额", "2021"): (124454, "万元"),
    }
    assert _indicators(reports[2022]) == {
        ("规模以上工业增加值", "2022"): (3420, "万元"),
        ("社会消费品零售总额", "2022"): (225630, "万元"),
    }
    assert _indicators(reports[2023]) == {
        ("规模以上工业增加值", "2023Q1"): (726, "万元"),
        ("社会消费品零售总额", "2023Q1"): (56664, "万元"),
        ("固定资产投资同比增长", "2023Q1"): (8.2, "%"),
    }


def test_five_villages_above_10_wan_collective_income(r2023):
    villages = r2023["collective_economy"]["villages_at_least_10wan"]
    assert sorted(villages) == sorted(["北官庄村", "宁郭村", "张庄村", "桥湾村", "姜毛庄村"])


def test_living_environment_246_courtyards_and_cleanups(r2023):
    assert r2023["environment"]["courtyards"]["五美庭院"] == 246
    cleanups = r2023["environment"]["cleanup_m3"]
    assert 15000 < cleanups["建筑垃圾"] < 16000  # 1.5万余立方米
    assert 25000 < cleanups["生活垃圾"] < 26000  # 2.5万余立方米


def test_2022_road_repair_9_villages_8_9_km_and_lanes_3_2_km(r2022):
    by_type = r2022["projects"]["by_type"]
    roads, lanes = by_type["村道大修"], by_type["背街小巷硬化"]
    assert (roads["villages_completed"], roads["length_m"]) == (9, 8900)
    assert lanes["length_m"] == 3200
    assert lanes["villages_completed"] > 18 / 2  # 超半数村庄


def test_sewers_7_villages_done_in_2022_and_6_under_construction(r2022, r2023):
    assert (r2022["projects"]["by_type"]["污水管网"]["villages_completed"]) == 7
    for report in (r2022, r2023):
        assert report["projects"]["by_type"]["污水管网"]["villages_in_progress"] == 6


def test_2022_drainage_works(r2022):
    by_type = r2022["projects"]["by_type"]
    assert 1500 < by_type["河道疏通"]["length_m"] < 1600  # 幸福河 1500余米
    assert by_type["排水沟疏通"]["length_m"] == 7500
    assert by_type["排涝河道"]["length_m"] == 2200 + 3400
    drainage = sum(by_type[kind]["investment_wan"] for kind in ("河道疏通", "排水沟疏通", "排涝河道"))
    assert 200 < drainage < 300  # 200多万元


def test_volunteer_activities_6(r2023):
    assert r2023["events"]["by_type"]["志愿服务"]["count"] == 6


def test_cameras_54_patrols_19_with_160_members(r2023):
    security = r2023["public_security"]
    assert (security["cameras"], security["patrol_teams"], security["patrol_members"]) == (54, 19, 160)


def test_publicity_18_activities_with_over_10000_leaflets(r2023):
    publicity = r2023["events"]["by_type"]["宣传活动"]
    assert publicity["count"] == 18
    assert 10000 < publicity["materials"] < 11000  # 1万余份


def test_work_safety_819_inspections_4357_person_times_309_hazards_all_rectified(r2023):
    safety = r2023["safety"]
    assert (safety["inspections"], safety["inspector_person_times"]) == (819, 4357)
    assert (safety["hazards_found"], safety["hazards_rectified"], safety["hazards_open"]) == (309, 309, 0)
    assert safety["rectification_rate"] == 1.0


def test_safety_education_12_drills_8_talks_48000_brochures(r2023):
    by_type = r2023["events"]["by_type"]
    assert by_type["安全演练"]["count"] == 12
    assert by_type["安全宣讲"]["count"] == 8
    assert 48000 < by_type["安全宣讲"]["materials"] < 49000  # 48000余册


def test_the_points_system_of_大驾村(r2023):
    assert r2023["points"]["participants"] > 0 and r2023["points"]["entries"] > 0
