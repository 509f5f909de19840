"""Each cross-row rule refuses its row: exit code 1, a 第 N 行 [列名] message, nothing written."""

import datetime as dt

import pytest

from tests.safety.factories import make_hazard, make_inspection, make_premises
from xiangzhi.safety.models import Hazard, Inspection, Premises

pytestmark = pytest.mark.django_db

HAZARD_HEADER = [
    "隐患编号",
    "排查编号",
    "隐患类别",
    "隐患描述",
    "隐患等级",
    "整改期限",
    "整改状态",
    "整改完成日期",
]
INSPECTION_HEADER = ["排查编号", "场所编号", "排查日期", "出动人次"]
PREMISES_HEADER = ["场所编号", "名称", "类型", "所属村", "联系电话"]


@pytest.fixture
def inspection(world):
    return make_inspection(world.grid, inspection_no="PC001", inspected_on=dt.date(2023, 7, 14))


def _hazard(no="YH001", inspection_no="PC001", deadline="2023-07-21", status="待整改", done=""):
    return [no, inspection_no, "电气线路", "电线老化", "一般", deadline, status, done]


def _refused(importer, ledger, header, rows, model) -> str:
    """Import ``rows`` through the CLI; check the refusal wrote nothing and return its stderr."""
    before = model.all_objects.count()
    code, _out, err = importer.cli(ledger, importer.workbook(header, rows, title="台账"))
    assert code == 1
    assert "未写入任何数据" in err
    assert model.all_objects.count() == before
    return err


@pytest.mark.parametrize("status", ["已整改", "已销号"])
def test_completed_hazard_needs_its_completion_date(importer, inspection, status):
    err = _refused(importer, "hazards", HAZARD_HEADER, [_hazard("YH000"), _hazard(status=status)], Hazard)

    assert f"第 5 行 [整改完成日期] 空: {status}的隐患需填写整改完成日期" in err


def test_completion_before_the_inspection_is_refused(importer, inspection):
    err = _refused(importer, "hazards", HAZARD_HEADER, [_hazard(status="已整改", done="2023-07-10")], Hazard)

    assert "第 4 行 [整改完成日期] 2023-07-10: 整改完成日期不能早于排查日期（2023-07-14）" in err


def test_deadline_before_the_inspection_is_refused(importer, inspection):
    err = _refused(importer, "hazards", HAZARD_HEADER, [_hazard(deadline="2023-07-01")], Hazard)

    assert "[整改期限]" in err and "不能早于排查日期" in err


def test_unknown_inspection_is_refused(importer, inspection):
    err = _refused(importer, "hazards", HAZARD_HEADER, [_hazard(inspection_no="PC999")], Hazard)

    assert "第 4 行 [排查编号] PC999: 宁郭镇没有这条排查记录" in err


def test_inspection_of_another_town_is_not_found(importer, world, inspection):
    make_inspection(world.other_grid, inspection_no="PC-OTHER")

    err = _refused(importer, "hazards", HAZARD_HEADER, [_hazard(inspection_no="PC-OTHER")], Hazard)

    assert "宁郭镇没有这条排查记录" in err


def test_unknown_premises_is_refused(importer, world):
    err = _refused(
        importer, "inspections", INSPECTION_HEADER, [["PC001", "CS999", "2023-07-14", 3]], Inspection
    )

    assert "第 4 行 [场所编号] CS999: 宁郭镇没有这条记录" in err


def test_zero_person_times_is_refused(importer, world):
    make_premises(world.grid, premises_no="CS001")

    err = _refused(
        importer, "inspections", INSPECTION_HEADER, [["PC001", "CS001", "2023-07-14", 0]], Inspection
    )

    assert "[出动人次] 0: 出动人次至少为1" in err


def test_village_of_another_town_is_refused(importer, world):
    err = _refused(
        importer, "premises", PREMISES_HEADER, [["CS001", "外村超市", "企业", "外村", ""]], Premises
    )

    assert "第 4 行 [所属村] 外村: 不是宁郭镇的村" in err


def test_bad_phone_and_kind_are_both_reported(importer, world):
    err = _refused(
        importer,
        "premises",
        PREMISES_HEADER,
        [["CS001", "超市", "商店", "桥湾村", ""], ["CS002", "超市", "企业", "桥湾村", "call me"]],
        Premises,
    )

    assert "第 4 行 [类型] 商店" in err
    assert "第 5 行 [联系电话] ****llme: 联系电话格式不正确" in err  # a personal column: masked


def test_premises_with_inspections_cannot_move_to_another_village(importer, world):
    premises = make_premises(world.grid, premises_no="CS001")
    make_inspection(world.grid, premises=premises)

    err = _refused(
        importer, "premises", PREMISES_HEADER, [["CS001", "超市", "企业", world.village2.name, ""]], Premises
    )

    assert "该场所已有排查记录，不能改到其他村或网格" in err
    assert Premises.objects.get(premises_no="CS001").org == world.grid


def test_inspection_with_hazards_cannot_change_to_premises_elsewhere(importer, world, inspection):
    make_hazard(world.grid, inspection=inspection)
    make_premises(world.village2, premises_no="CS-V2")

    err = _refused(
        importer, "inspections", INSPECTION_HEADER, [["PC001", "CS-V2", "2023-07-14", 3]], Inspection
    )

    assert "该排查已登记隐患，不能改为其他村或网格的场所" in err


def test_inspection_date_cannot_pass_its_hazards_dates(importer, world, inspection):
    make_hazard(world.grid, inspection=inspection, deadline=dt.date(2023, 7, 21))

    err = _refused(
        importer,
        "inspections",
        INSPECTION_HEADER,
        [["PC001", inspection.premises.premises_no, "2023-08-01", 3]],
        Inspection,
    )

    assert "[排查日期] 2023-08-01: 该排查的隐患有更早的整改期限或完成日期（2023-07-21）" in err
    assert Inspection.objects.get(pk=inspection.pk).inspected_on == dt.date(2023, 7, 14)


def test_a_bad_row_keeps_the_good_rows_out_too(importer, inspection):
    rows = [_hazard("YH001"), _hazard("YH002", status="已销号"), _hazard("YH003")]

    report = importer.run("hazards", importer.workbook(HAZARD_HEADER, rows))

    assert not report.ok
    assert [error.row for error in report.errors] == [3]
    assert not Hazard.all_objects.exists()


def test_village_cadre_cannot_import_for_premises_of_another_village(importer, world):
    make_premises(world.village2, premises_no="CS-V2")
    before = Inspection.objects.count()

    report = importer.run(
        "inspections",
        importer.workbook(INSPECTION_HEADER, [["PC001", "CS-V2", "2023-07-14", 3]]),
        user=world.users["village_cadre"],
    )

    assert [str(e) for e in report.errors] == ["第 2 行 [场所编号] CS-V2: 无权导入该单位的数据"]
    assert Inspection.objects.count() == before
