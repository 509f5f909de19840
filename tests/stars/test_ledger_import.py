"""The star ledgers through the CONTRACT import rules: messy input in, export out, re-import unchanged."""

from decimal import Decimal

import pytest

from tests.stars.support import read_xlsx, run_export, run_import, write_xlsx
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

pytestmark = pytest.mark.django_db


def test_star_targets_accept_aliases_fullwidth_digits_and_both_percent_forms(world, tmp_path):
    path = write_xlsx(
        tmp_path / "targets.xlsx",
        [
            ["宁郭镇创星目标"],
            ["年份", "五星", "四星支部数", "三星及以上占比"],
            ["２０２３", "1", 3, "67%"],
            [2024, 2, "４", 0.75],
            [2025, 2, 4, "66.667%"],
        ],
    )
    code, err = run_import("star_targets", path)
    assert code == 0, err
    targets = {t.year: t for t in StarTarget.objects.filter(town=world.town)}
    assert targets[2023].three_plus_share == Decimal("0.67")
    assert (targets[2023].five_star, targets[2023].four_star) == (1, 3)
    assert targets[2024].three_plus_share == Decimal("0.75")
    assert targets[2025].three_plus_share == Decimal("0.6667")
    assert all(t.org_id == world.town.pk for t in targets.values())


def test_star_targets_round_trip_is_unchanged_on_reimport(world, tmp_path):
    source = write_xlsx(
        tmp_path / "in.xlsx", [["年度", "五星支部数", "四星支部数", "三星及以上占比"], [2023, 1, 3, "67%"]]
    )
    assert run_import("star_targets", source)[0] == 0
    exported = run_export("star_targets", tmp_path / "out.xlsx")
    assert read_xlsx(exported)[1] == [2023, 1, 3, "67%"]
    history_before = StarTarget.history.count()
    code, err = run_import("star_targets", exported)
    assert code == 0, err
    assert StarTarget.history.count() == history_before


def test_star_plans_accept_any_list_separator_and_village_aliases(world, tmp_path):
    path = write_xlsx(
        tmp_path / "plans.xlsx",
        [
            ["村", "年度", "计划创建星"],
            ["桥湾", "2023", "文明幸福星，生态宜居星;产业兴旺星"],
            [world.village2.code, 2023, "平安法治星/支部过硬星\n文明幸福星、生态宜居星、产业兴旺星"],
        ],
    )
    code, err = run_import("star_plans", path)
    assert code == 0, err
    plan = StarPlan.objects.get(org=world.village, year=2023)
    assert plan.stars == ["产业兴旺星", "生态宜居星", "文明幸福星"]
    assert plan.level == 3
    assert StarPlan.objects.get(org=world.village2, year=2023).level == 5


def test_star_plans_round_trip_and_update_by_village_and_year(world, tmp_path):
    first = write_xlsx(
        tmp_path / "a.xlsx", [["所属村", "年度", "计划创建星"], ["桥湾村", 2023, "生态宜居星"]]
    )
    assert run_import("star_plans", first)[0] == 0
    second = write_xlsx(
        tmp_path / "b.xlsx", [["所属村", "年度", "计划创建星"], ["桥湾村", 2023, "生态宜居星、平安法治星"]]
    )
    assert run_import("star_plans", second)[0] == 0
    plan = StarPlan.objects.get(org=world.village, year=2023)
    assert plan.stars == ["生态宜居星", "平安法治星"]
    assert plan.history.count() == 2
    exported = run_export("star_plans", tmp_path / "out.xlsx")
    assert read_xlsx(exported)[1] == ["桥湾村", 2023, "生态宜居星、平安法治星"]
    assert run_import("star_plans", exported)[0] == 0
    assert plan.history.count() == 2


def test_star_results_allow_an_empty_list_and_count_distinct_stars(world, tmp_path):
    path = write_xlsx(
        tmp_path / "results.xlsx",
        [
            ["所属村", "年度", "获评星", "评定日期"],
            ["桥湾村", 2023, "生态宜居星、生态宜居星、文明幸福星", "2023年12月28日"],
            ["村1", 2023, None, "2024/1/5"],
        ],
    )
    code, err = run_import("star_results", path)
    assert code == 0, err
    qiaowan = StarResult.objects.get(org=world.village, year=2023)
    assert (qiaowan.stars, qiaowan.level) == (["生态宜居星", "文明幸福星"], 2)
    empty = StarResult.objects.get(org=world.village2, year=2023)
    assert (empty.stars, empty.level, str(empty.rated_on)) == ([], 0, "2024-01-05")
    exported = run_export("star_results", tmp_path / "out.xlsx")
    history_before = StarResult.history.count()
    assert run_import("star_results", exported)[0] == 0
    assert StarResult.history.count() == history_before


@pytest.mark.parametrize(
    ("ledger", "rows", "message"),
    [
        ("star_results", [["桥湾村", 2023, "生态宜居星", "2022-12-01"]], "评定日期不能早于该年度"),
        ("star_results", [["外村", 2023, "生态宜居星", None]], "不是宁郭镇的村"),
        ("star_results", [["桥湾村", 2023, "五好星", None]], "不在允许的值中"),
        ("star_results", [["桥湾村", 1800, "", None]], "年度应在"),
        (
            "star_results",
            [["桥湾村", 2023, "生态宜居星", None], ["桥湾", 2023, "文明幸福星", None]],
            "出现了不止一行",
        ),
    ],
)
def test_a_bad_result_row_refuses_the_whole_file(world, tmp_path, ledger, rows, message):
    header = ["所属村", "年度", "获评星", "评定日期"]
    good = ["村1", 2023, "文明幸福星", None]
    path = write_xlsx(tmp_path / "bad.xlsx", [header, good, *rows])
    code, err = run_import(ledger, path)
    assert code == 1
    assert message in err
    assert "第 3 行" in err or "第 4 行" in err
    assert not StarResult.objects.exists()


def test_a_plan_without_stars_is_refused(world, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [["所属村", "年度", "计划创建星"], ["桥湾村", 2023, " "]])
    code, err = run_import("star_plans", path)
    assert code == 1
    assert "第 2 行 [计划创建星]" in err
    assert not StarPlan.objects.exists()


def test_a_share_above_one_hundred_percent_is_refused(world, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx", [["年度", "五星支部数", "四星支部数", "三星及以上占比"], [2023, 1, 3, "120%"]]
    )
    code, err = run_import("star_targets", path)
    assert code == 1
    assert "百分比应在 0% 到 100% 之间" in err
    assert not StarTarget.objects.exists()
