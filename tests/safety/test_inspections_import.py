"""排查记录: dates in every accepted form, aliases, full-width digits; org follows the premises."""

import datetime as dt

import pytest

from tests.safety.factories import make_premises
from xiangzhi.safety.models import Inspection

pytestmark = pytest.mark.django_db

# Aliases: 检查日期 = 排查日期, 出动人数 = 出动人次, 排查人员 = 检查人员; columns out of order.
HEADER = ["场所编号", "排查编号", "检查日期", "出动人数", "排查人员"]


@pytest.fixture
def premises(world):
    return {
        "grid": make_premises(world.grid, premises_no="CS001"),
        "village2": make_premises(world.village2, premises_no="CS002"),
    }


def _rows():
    return [
        ["CS001", "PC-0001", "2023-07-14", 5, "李四、王五"],
        ["CS001", "ＰＣ－0002", "2023/7/15", "１２", "李四"],
        ["CS002", "PC-0003", "2023.7.16", " 3 ", ""],
        ["CS002", "PC-0004", "2023年7月17日", 4, "赵六"],
        ["CS001", "PC-0005", dt.date(2023, 7, 18), 2, "王五"],  # an Excel date cell
    ]


def test_messy_inspections_workbook_is_imported(importer, world, premises):
    path = importer.workbook(HEADER, _rows(), title="宁郭镇安全生产排查记录")

    report = importer.run("inspections", path)

    assert report.ok, report.errors
    assert report.created == 5
    dates = dict(Inspection.objects.values_list("inspection_no", "inspected_on"))
    assert dates == {
        "PC-0001": dt.date(2023, 7, 14),
        "PC-0002": dt.date(2023, 7, 15),  # ＰＣ－ typed full-width is the code PC-
        "PC-0003": dt.date(2023, 7, 16),
        "PC-0004": dt.date(2023, 7, 17),
        "PC-0005": dt.date(2023, 7, 18),
    }
    second = Inspection.objects.get(inspection_no="PC-0002")
    assert second.person_times == 12
    assert second.premises == premises["grid"]


def test_inspection_belongs_where_its_premises_is(importer, world, premises):
    importer.run("inspections", importer.workbook(HEADER, _rows()))

    orgs = dict(Inspection.objects.values_list("inspection_no", "org"))

    assert orgs["PC-0001"] == world.grid.pk
    assert orgs["PC-0003"] == world.village2.pk
    assert set(Inspection.objects.values_list("town", flat=True)) == {world.town.pk}


def test_inspections_export_reimports_with_no_change(importer, world, premises):
    importer.run("inspections", importer.workbook(HEADER, _rows()))

    code, out, err = importer.cli("inspections", importer.export("inspections"))

    assert code == 0, err
    assert "新增 0，更新 0，未变 5" in out


def test_person_times_update_is_recorded_in_history(importer, world, premises):
    importer.run("inspections", importer.workbook(HEADER, _rows()))
    rows = _rows()
    rows[0][3] = 7

    report = importer.run("inspections", importer.workbook(HEADER, rows))

    assert (report.updated, report.unchanged) == (1, 4)
    first = Inspection.objects.get(inspection_no="PC-0001")
    assert first.person_times == 7
    assert [h.person_times for h in first.history.order_by("history_date")] == [5, 7]
