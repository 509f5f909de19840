"""安全隐患: an imported ledger may hold any status (it records the past) and round-trips unchanged."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.safety.conftest import read_workbook
from tests.safety.factories import make_inspection
from xiangzhi.safety.models import Hazard
from xiangzhi.safety.services import hazard_recheck_pass

pytestmark = pytest.mark.django_db

# Aliases: 隐患内容 = 隐患描述, 隐患级别 = 隐患等级, 整改时限 = 整改期限, 状态 = 整改状态,
# 完成日期 = 整改完成日期, 责任人 = 整改责任人.
HEADER = [
    "隐患编号",
    "排查编号",
    "隐患类别",
    "隐患内容",
    "隐患级别",
    "整改时限",
    "责任人",
    "状态",
    "完成日期",
]


@pytest.fixture
def inspections(world):
    return {
        "grid": make_inspection(world.grid, inspection_no="PC001", inspected_on=dt.date(2023, 7, 14)),
        "village2": make_inspection(world.village2, inspection_no="PC002", inspected_on=dt.date(2023, 3, 1)),
    }


def _rows():
    return [
        [
            "YH001",
            "PC001",
            "电气线路",
            "电线私拉乱接",
            "一般",
            "2023/7/21",
            "王五",
            "已销号",
            "2023年7月18日",
        ],
        ["YH002", "PC001", "燃气安全", "软管老化", "重大", "2023.8.1", "", "整改中", ""],
        [
            "ＹＨ００３",
            "PC002",
            "消防设施",
            "灭火器过期",
            "一般",
            dt.date(2023, 3, 8),
            "赵六",
            "已整改",
            "2023-03-05",
        ],
        ["YH004", "PC002", "安全通道", "通道堵塞", "一般", "2023-03-03", "", "待整改", ""],
    ]


def test_messy_hazards_workbook_is_imported_with_any_status(importer, world, inspections):
    path = importer.workbook(HEADER, _rows(), title="宁郭镇安全隐患排查整改台账")

    report = importer.run("hazards", path)

    assert report.ok, report.errors
    assert report.created == 4
    closed = Hazard.objects.get(hazard_no="YH001")
    assert (closed.status, closed.rectified_on, closed.deadline) == (
        "已销号",
        dt.date(2023, 7, 18),
        dt.date(2023, 7, 21),
    )
    assert closed.rectified_by is None  # an import does not know who did it
    third = Hazard.objects.get(hazard_no="YH003")
    assert (third.status, third.category, third.responsible) == ("已整改", "消防设施", "赵六")


def test_hazard_belongs_where_its_inspection_is_and_was_found_on_its_date(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows()))

    first, third = Hazard.objects.get(hazard_no="YH001"), Hazard.objects.get(hazard_no="YH003")

    assert first.org == world.grid
    assert first.found_on == dt.date(2023, 7, 14)
    assert third.org == world.village2


def test_hazards_export_reimports_with_no_change(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows(), title="隐患台账"))

    code, out, err = importer.cli("hazards", importer.export("hazards"))

    assert code == 0, err
    assert "新增 0，更新 0，未变 4" in out


def test_import_may_move_a_hazard_forward_and_close_it_with_a_rechecker(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows()))
    rows = [[*row, "", ""] for row in _rows()]
    rows[1][7:11] = ["已销号", "2023-07-30", "孙七", "2023-07-31"]

    report = importer.run("hazards", importer.workbook([*HEADER, "复查人", "复查日期"], rows))

    assert (report.updated, report.unchanged, report.errors) == (1, 3, [])
    moved = Hazard.objects.get(hazard_no="YH002")
    assert (moved.status, moved.rectified_on) == ("已销号", dt.date(2023, 7, 30))
    assert (moved.rechecker, moved.rechecked_on) == ("孙七", dt.date(2023, 7, 31))
    assert moved.history.first().history_change_reason.startswith("导入")


def test_import_refuses_to_close_a_stored_hazard_without_a_rechecker(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows()))
    rows = _rows()
    rows[1][7:9] = ["已销号", "2023-07-30"]

    report = importer.run("hazards", importer.workbook(HEADER, rows))

    assert [str(error) for error in report.errors] == ["第 3 行 [复查人] 空: 销号须填写复查人"]
    assert Hazard.objects.get(hazard_no="YH002").status == "整改中"


def test_file_without_optional_columns_keeps_stored_values(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows()))
    header = [*HEADER[:6], "状态"]
    rows = [[*row[:6], row[7]] for row in _rows() if row[7] in ("整改中", "待整改")]

    report = importer.run("hazards", importer.workbook(header, rows))

    assert report.ok, report.errors
    assert report.unchanged == 2
    assert Hazard.objects.get(hazard_no="YH001").responsible == "王五"


def test_a_hazard_closed_on_the_platform_round_trips_with_its_rechecker(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows()))
    rectified = Hazard.objects.get(hazard_no="YH003")
    hazard_recheck_pass(
        hazard=rectified,
        acting_user=world.users["town_admin"],
        expected_version=rectified.version,
        rechecked_on=dt.date(2023, 3, 9),
    )

    exported = read_workbook(importer.export("hazards"))
    code, out, err = importer.cli("hazards", importer.export("hazards"))

    assert exported[0][-2:] == ["复查人", "复查日期"]
    assert ["town_admin", "2023-03-09"] in [[row[-2], str(row[-1])[:10]] for row in exported[1:]]
    assert code == 0, err
    assert "新增 0，更新 0，未变 4" in out


def test_whoever_imports_a_rectification_may_not_close_it_on_the_recheck_page(importer, world, inspections):
    """An import that moves a hazard to 已整改 records its user as the rectifier, as the 整改 page
    does, so the same person cannot then pass its 复查 on the page (or close it by import)."""
    cadre = world.users["village_cadre"]
    importer.run("hazards", importer.workbook(HEADER, _rows()))
    rows = _rows()[1:2]  # YH002 only, in the cadre's village
    rows[0][7:9] = ["已整改", "2023-07-30"]

    report = importer.run("hazards", importer.workbook(HEADER, rows), user=cadre)

    assert (report.updated, report.errors) == (1, [])
    hazard = Hazard.objects.get(hazard_no="YH002")
    assert hazard.rectified_by == cadre
    with pytest.raises(ValidationError, match="本人不能为自己登记的整改销号"):
        hazard_recheck_pass(
            hazard=hazard,
            acting_user=cadre,
            expected_version=hazard.version,
            rechecked_on=dt.date(2023, 8, 1),
        )
    rows[0][7] = "已销号"
    closing = importer.run(
        "hazards", importer.workbook([*HEADER, "复查人"], [[*row, "孙七"] for row in rows]), user=cadre
    )
    assert [str(error) for error in closing.errors] == [
        "第 2 行 [整改状态] 已销号: 销号须由整改登记人以外的人员复查，本人不能为自己登记的整改销号"
    ]
    assert Hazard.objects.get(hazard_no="YH002").status == "已整改"


def test_the_command_line_records_no_rectifier(importer, world, inspections):
    importer.run("hazards", importer.workbook(HEADER, _rows()))
    assert Hazard.objects.get(hazard_no="YH003").rectified_by is None
