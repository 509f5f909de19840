"""A row's key can name a stored record; the importing user must be allowed to write that record
where it is stored (and to restore it when it is deleted), not only where the row puts it."""

import pytest

from tests.factories import make_household, make_member
from tests.ledgers.support import HOUSEHOLD_HEADERS, household, write_xlsx
from xiangzhi.care.models import Household, Member
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.ledgers.stored import DELETED, NOT_YOURS
from xiangzhi.core.services.records import record_delete

pytestmark = pytest.mark.django_db

MEMBER_HEADERS = ["户编号", "姓名", "身份证号", "与户主关系"]


def _import(world, ledger, path, persona):
    return import_file(get_ledger(ledger), path, path.name, town=world.town, acting_user=world.users[persona])


def _households(tmp_path, **row):
    return write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(**row)])


def _snapshot(model, pk):
    record = model.all_objects.get(pk=pk)
    return record.org_id, record.version, record.deleted_at, model.history.filter(id=pk).count()


def test_a_village_cadre_cannot_overwrite_another_villages_record_by_its_key(world, tmp_path):
    other = make_household(world.orgs["village2"], household_no="NG-001")
    before = _snapshot(Household, other.pk)

    report = _import(
        world, "households", _households(tmp_path, 户编号="NG-001", 所属村="桥湾村"), "village_cadre"
    )

    assert [str(error) for error in report.errors] == [f"第 2 行 [户编号] NG-001: {NOT_YOURS}"]
    assert _snapshot(Household, other.pk) == before


def test_a_village_cadre_cannot_take_over_another_villages_member(world, tmp_path):
    mine = make_household(world.orgs["village"], household_no="NG-MINE")
    other = make_member(world.orgs["village2"])
    before = _snapshot(Member, other.pk)
    rows = [{"户编号": mine.household_no, "姓名": "甲", "身份证号": other.id_number, "与户主关系": "子女"}]

    report = _import(world, "members", write_xlsx(tmp_path / "m.xlsx", MEMBER_HEADERS, rows), "village_cadre")

    assert [error.reason for error in report.errors] == [NOT_YOURS]
    assert _snapshot(Member, other.pk) == before


def test_a_village_cadre_cannot_bring_back_a_deleted_record(world, tmp_path):
    mine = make_household(world.orgs["village"], household_no="NG-002")
    record_delete(mine, acting_user=world.users["town_admin"])
    before = _snapshot(Household, mine.pk)

    report = _import(
        world, "households", _households(tmp_path, 户编号="NG-002", 所属村="桥湾村"), "village_cadre"
    )

    assert [error.reason for error in report.errors] == [DELETED]
    assert _snapshot(Household, mine.pk) == before


def test_a_village_cadre_still_updates_their_own_records(world, tmp_path):
    mine = make_household(world.orgs["village"], household_no="NG-003")
    make_household(world.orgs["village2"], household_no="NG-004")

    report = _import(
        world,
        "households",
        _households(tmp_path, 户编号="NG-003", 所属村="桥湾村", 家庭人口=5),
        "village_cadre",
    )

    assert report.ok and report.updated == 1
    assert Household.objects.get(pk=mine.pk).size == 5


def test_a_town_admin_restores_a_deleted_record_by_importing_it(world, tmp_path):
    record = make_household(world.orgs["village2"], household_no="NG-005")
    record_delete(record, acting_user=world.users["town_admin"])

    report = _import(
        world, "households", _households(tmp_path, 户编号="NG-005", 所属村="桥湾村"), "town_admin"
    )

    assert report.ok and report.updated == 1
    restored = Household.objects.get(pk=record.pk)
    assert restored.org == world.orgs["grid"]  # the row names 桥湾村 and its grid
