"""经营场所: a messy workbook goes in, its export comes back out and re-imports with no change."""

import pytest
from django.db import connection

from tests.safety.conftest import read_workbook
from xiangzhi.core.pii.crypto import is_token
from xiangzhi.safety.models import Premises

pytestmark = pytest.mark.django_db

# Columns out of order, aliases (场所名称, 场所类型, 村, 手机号, 法人) and an unknown column.
HEADER = ["场所名称", "场所编号", "村", "场所类型", "细分类", "地址", "法人", "手机号", "备注"]


def _rows(world):
    return [
        [
            "好再来饭店",
            "ＣＳ００１",
            "桥湾",
            "九小场所",
            "小餐饮",
            "桥湾村主街12号",
            "王五",
            "１３９１２３４５６７８",
            "x",
        ],
        ["  宏达机械厂 ", "CS002", world.village2.code, "企业", "", "", "赵六", "0391-2345678", ""],
        ["便民超市", "CS003", "桥湾村", "其他经营性场所", "沿街门店", "", "", "", ""],
    ]


def test_messy_premises_workbook_is_imported(importer, world):
    path = importer.workbook(HEADER, _rows(world), title="宁郭镇经营场所台账（2023年）")

    report = importer.run("premises", path)

    assert report.ok, report.errors
    assert (report.created, report.updated) == (3, 0)
    assert any("备注" in warning for warning in report.warnings)
    restaurant = Premises.objects.get(premises_no="CS001")
    assert (restaurant.name, restaurant.kind, restaurant.subtype) == ("好再来饭店", "九小场所", "小餐饮")
    assert restaurant.org == world.village
    assert restaurant.phone == "13912345678"
    assert Premises.objects.get(premises_no="CS002").name == "宏达机械厂"
    assert Premises.objects.get(premises_no="CS002").org == world.village2


def test_premises_phone_is_stored_encrypted(importer, world):
    importer.run("premises", importer.workbook(HEADER, _rows(world)))

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT phone FROM {Premises._meta.db_table} WHERE premises_no = %s", ["CS001"])
        (raw,) = cursor.fetchone()

    assert is_token(raw)
    assert "13912345678" not in raw


def test_premises_export_reimports_with_no_change(importer, world):
    importer.run("premises", importer.workbook(HEADER, _rows(world), title="经营场所"))
    exported = importer.export("premises")

    code, out, err = importer.cli("premises", exported)

    assert code == 0, err
    assert "新增 0，更新 0，未变 3" in out
    assert read_workbook(exported)[0][:3] == ["场所编号", "名称", "类型"]


def test_same_file_twice_changes_nothing(importer, world):
    path = importer.workbook(HEADER, _rows(world))
    assert importer.cli("premises", path)[0] == 0

    code, out, _ = importer.cli("premises", path)

    assert code == 0
    assert "未变 3" in out
    assert Premises.history.count() == 3


def test_reimport_updates_and_keeps_history(importer, world):
    importer.run("premises", importer.workbook(HEADER, _rows(world)))
    rows = _rows(world)
    rows[0][0] = "好再来饭店（新址）"

    report = importer.run("premises", importer.workbook(HEADER, rows))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    restaurant = Premises.objects.get(premises_no="CS001")
    assert restaurant.name == "好再来饭店（新址）"
    assert restaurant.history.count() == 2


def test_grid_given_in_the_app_survives_a_reimport(importer, world):
    """The sheet names only villages; a premises placed in a grid stays there."""
    importer.run("premises", importer.workbook(HEADER, _rows(world)))
    Premises.objects.filter(premises_no="CS001").update(org=world.grid)

    report = importer.run("premises", importer.export("premises"))

    assert report.ok and report.unchanged == 3
    assert Premises.objects.get(premises_no="CS001").org == world.grid
