"""Imports in the browser run as the user: a village cadre imports only their own village's rows."""

import pytest

from tests.security.support import write_xlsx
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.security.models import Camera

pytestmark = pytest.mark.django_db

ROWS = [["点位编号", "所属村", "位置"], ["JK-1", "桥湾村", "村口"], ["JK-2", "村1", "村口"]]


def test_a_village_cadre_cannot_import_another_villages_cameras(world, tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx", ROWS)

    report = import_file(
        get_ledger("cameras"), path, path.name, town=world.town, acting_user=world.users["village_cadre"]
    )

    assert [str(error) for error in report.errors] == ["第 3 行 [所属村] 村1: 无权导入该单位的数据"]
    assert not Camera.objects.exists()


def test_a_town_admin_imports_every_village(world, tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx", ROWS)

    report = import_file(
        get_ledger("cameras"), path, path.name, town=world.town, acting_user=world.users["town_admin"]
    )

    assert report.ok and report.created == 2
    assert Camera.history.filter(history_user=world.users["town_admin"]).count() == 2
