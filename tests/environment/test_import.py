"""The 人居环境 ledgers through the command line: messy workbooks in, exports back in unchanged,
and every rule refusing its row with nothing written (CONTRACT §2–§3)."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.security.support import assert_reimport_changes_nothing, import_file, write_xlsx
from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating

pytestmark = pytest.mark.django_db

COURTYARD_ROWS = [
    ["评比结果", "户主", "庭院编号", "年度", "所属村"],
    ["五美庭院", " 张三 ", "TY-００１", "２０２３", "桥湾村"],
    ["美丽庭院", "张三", "TY-001", 2022.0, "桥湾"],
    ["未达标", "李四", "TY-002", "2023", "410811101201"],
]


def test_messy_courtyard_workbook_keeps_one_rating_per_year(world, tmp_path):
    result = import_file(
        "courtyards", write_xlsx(tmp_path / "c.xlsx", COURTYARD_ROWS, title="五美庭院评比台账")
    )

    assert result.code == 0, result.err
    ratings = dict(Courtyard.objects.filter(courtyard_no="TY-001").values_list("year", "rating"))
    assert ratings == {2023: CourtyardRating.FIVE_BEAUTIES, 2022: CourtyardRating.BEAUTIFUL}
    assert Courtyard.objects.get(courtyard_no="TY-001", year=2023).owner_name == "张三"
    assert Courtyard.objects.get(courtyard_no="TY-002").org == world.village2


def test_courtyard_export_reimports_with_no_change(world, tmp_path):
    import_file("courtyards", write_xlsx(tmp_path / "c.xlsx", COURTYARD_ROWS))

    assert_reimport_changes_nothing("courtyards", Courtyard, tmp_path)


def test_a_new_rating_for_the_same_year_updates_that_year_only(world, tmp_path):
    import_file("courtyards", write_xlsx(tmp_path / "c.xlsx", COURTYARD_ROWS))
    rerated = [
        ["庭院编号", "所属村", "户主姓名", "评比年度", "评定结果"],
        ["TY-001", "桥湾村", "张三", 2022, "五美庭院"],
    ]

    result = import_file("courtyards", write_xlsx(tmp_path / "r.xlsx", rerated))

    assert "更新 1" in result.out
    assert Courtyard.objects.get(courtyard_no="TY-001", year=2022).rating == CourtyardRating.FIVE_BEAUTIES
    assert Courtyard.objects.get(courtyard_no="TY-001", year=2023).version == 1


def test_the_same_courtyard_twice_in_one_year_is_a_duplicate(world, tmp_path):
    rows = [*COURTYARD_ROWS, ["美丽庭院", "张三", "TY-001", 2023, "桥湾村"]]

    result = import_file("courtyards", write_xlsx(tmp_path / "c.xlsx", rows))

    assert result.code == 1
    assert "与第 2 行重复" in result.err
    assert not Courtyard.objects.exists()


@pytest.mark.parametrize(
    ("year", "reason"), [("203", "评比年度应在 1990 到 2100 之间"), ("二〇二三", "应为整数")]
)
def test_an_impossible_year_is_refused(world, tmp_path, year, reason):
    rows = [
        ["庭院编号", "所属村", "户主姓名", "评比年度", "评定结果"],
        ["TY-1", "桥湾村", "张三", year, "五美庭院"],
    ]

    result = import_file("courtyards", write_xlsx(tmp_path / "c.xlsx", rows))

    assert result.code == 1
    assert "第 2 行 [评比年度]" in result.err and reason in result.err
    assert not Courtyard.objects.exists()


def test_an_unknown_rating_is_refused_naming_the_allowed_ones(world, tmp_path):
    rows = [
        ["庭院编号", "所属村", "户主姓名", "评比年度", "评定结果"],
        ["TY-1", "桥湾村", "张三", 2023, "优秀"],
    ]

    result = import_file("courtyards", write_xlsx(tmp_path / "c.xlsx", rows))

    assert result.code == 1
    assert "第 2 行 [评定结果] 优秀: 不在允许的值中，应为：五美庭院、美丽庭院、未达标" in result.err


CLEANUP_ROWS = [
    ["清理方量", "编号", "清理类型", "村", "清理日期"],
    ["１５０００", "ZZ-001", "建筑垃圾", "桥湾村", "2023/5/12"],
    [3.3000000000000003, "ZZ-002", "生活垃圾", "村1", dt.date(2023, 6, 1)],
    ["12.25", "ZZ-003", "其他", "桥湾村", "2023年7月1日"],
]


def test_messy_cleanup_workbook_is_imported_with_exact_volumes(world, tmp_path):
    result = import_file("cleanups", write_xlsx(tmp_path / "c.xlsx", CLEANUP_ROWS, title="环境整治台账"))

    assert result.code == 0, result.err
    volumes = dict(Cleanup.objects.values_list("record_no", "volume_m3"))
    assert volumes == {"ZZ-001": Decimal("15000"), "ZZ-002": Decimal("3.3"), "ZZ-003": Decimal("12.25")}
    assert Cleanup.objects.get(record_no="ZZ-002").kind == CleanupKind.HOUSEHOLD


def test_the_contract_header_with_full_width_brackets_is_recognised(world, tmp_path):
    rows = [
        ["记录编号", "所属村", "日期", "清理类型", "清理量（立方米）"],
        ["ZZ-1", "桥湾村", "2023-05-12", "建筑垃圾", 80],
    ]

    result = import_file("cleanups", write_xlsx(tmp_path / "c.xlsx", rows))

    assert result.code == 0, result.err
    assert Cleanup.objects.get().volume_m3 == Decimal("80")


def test_cleanup_export_reimports_with_no_change(world, tmp_path):
    import_file("cleanups", write_xlsx(tmp_path / "c.xlsx", CLEANUP_ROWS))

    assert_reimport_changes_nothing("cleanups", Cleanup, tmp_path)


@pytest.mark.parametrize(
    ("volume", "reason"),
    [("-5", "不能为负数"), ("0", "清理量应大于 0"), ("1.234", "最多保留 2 位小数"), ("1e3", "应为数字")],
)
def test_an_impossible_volume_refuses_the_file(world, tmp_path, volume, reason):
    rows = [
        ["记录编号", "所属村", "日期", "清理类型", "清理量(立方米)"],
        ["ZZ-OK", "桥湾村", "2023-05-12", "建筑垃圾", "100"],
        ["ZZ-BAD", "桥湾村", "2023-05-12", "建筑垃圾", volume],
    ]

    result = import_file("cleanups", write_xlsx(tmp_path / "c.xlsx", rows))

    assert result.code == 1
    assert "第 3 行 [清理量(立方米)]" in result.err and reason in result.err
    assert not Cleanup.objects.exists()
