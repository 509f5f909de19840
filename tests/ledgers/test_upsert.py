"""CONTRACT §2 identity: a row whose key exists updates that record and leaves a history entry (who,
before → after); the same file twice changes nothing the second time; the export re-imports unchanged."""

import datetime as dt

import pytest

from tests.ledgers.support import (
    HOUSEHOLD_HEADERS,
    counts,
    export_cli,
    household,
    import_cli,
    valid_id,
    write_xlsx,
)
from xiangzhi.care.models import Household
from xiangzhi.core.history import history_entries
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user

pytestmark = pytest.mark.django_db

FIRST = [household(), household(户编号="NG-002", 户主姓名="王五", 户主身份证号=valid_id(2), 家庭人口=2)]


def _import_as(user, path):
    report = import_file(get_ledger("households"), path, path.name, town=user_town(user), acting_user=user)
    assert report.ok, [str(e) for e in report.errors]
    return report


def user_town(user):
    return user.assignments[0].org.unit_at_level("town")


def test_a_changed_row_updates_its_record_and_history_names_the_importer(world, tmp_path):
    admin = world.users["town_admin"]
    _import_as(admin, write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST))
    changed = [FIRST[0] | {"家庭人口": 4, "帮扶责任人": "赵六"}, FIRST[1]]

    report = _import_as(admin, write_xlsx(tmp_path / "b.xlsx", HOUSEHOLD_HEADERS, changed))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    record = Household.objects.get(household_no="NG-001")
    assert (record.size, record.helper, record.version) == (4, "赵六", 2)
    latest = history_entries(record)[0]
    assert (latest.kind, latest.user, latest.reason) == ("修改", admin, "导入 b.xlsx")
    assert {(c.label, c.old, c.new) for c in latest.changes} == {
        ("家庭人口", "3", "4"),
        ("帮扶责任人", "李四", "赵六"),
    }


def test_an_update_from_the_command_line_is_recorded_as_the_system_actor(world, tmp_path):
    import_cli("households", write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST))

    result = import_cli(
        "households", write_xlsx(tmp_path / "b.xlsx", HOUSEHOLD_HEADERS, [FIRST[0] | {"户主姓名": "张叁"}])
    )

    assert result.code == 0, result.err
    assert "更新 1" in result.out
    latest = history_entries(Household.objects.get(household_no="NG-001"))[0]
    assert (latest.user, latest.reason) == (system_user(), "导入 b.xlsx")
    assert [(c.label, c.old, c.new) for c in latest.changes] == [("户主姓名", "张三", "张叁")]


def test_a_new_id_number_changes_the_blind_index_and_shows_masked_in_history(world, tmp_path):
    import_cli("households", write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST))
    new_id = valid_id(9)

    import_cli(
        "households",
        write_xlsx(tmp_path / "b.xlsx", HOUSEHOLD_HEADERS, [FIRST[0] | {"户主身份证号": new_id}]),
    )

    record = Household.objects.get(household_no="NG-001")
    assert (record.head_id_number, record.head_id_number_last4) == (new_id, new_id[-4:])
    assert Household.objects.filter(head_id_number_index=record.head_id_number_index).count() == 1
    change = history_entries(record)[0].changes
    assert [(c.label, c.old, c.new) for c in change] == [
        ("户主身份证号", f"410802********{valid_id(1)[-4:]}", f"410802********{new_id[-4:]}")
    ]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST)
    first = import_cli("households", path)
    before = counts()
    versions = dict(Household.objects.values_list("household_no", "version"))

    second = import_cli("households", path)

    assert first.code == second.code == 0
    assert "新增 0，更新 0，未变 2" in second.out
    assert counts() == before
    assert dict(Household.objects.values_list("household_no", "version")) == versions


def test_a_file_without_an_optional_column_leaves_that_field_alone(world, tmp_path):
    import_cli("households", write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST))
    headers = [h for h in HOUSEHOLD_HEADERS if h not in ("联系电话", "网格", "帮扶责任人")]

    result = import_cli("households", write_xlsx(tmp_path / "b.xlsx", headers, FIRST))

    assert "未变 2" in result.out
    record = Household.objects.get(household_no="NG-001")
    assert (record.phone, record.org, record.helper) == ("13900001111", world.grid, "李四")


def test_reimporting_a_deleted_record_restores_it_with_history(world, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST)
    import_cli("households", path)
    Household.objects.filter(household_no="NG-001").update(deleted_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))

    result = import_cli("households", path)

    assert "更新 1，未变 1" in result.out
    restored = Household.objects.get(household_no="NG-001")
    assert restored.version == 2
    assert history_entries(restored)[0].kind == "修改"


def test_a_household_of_another_town_with_the_same_number_is_a_different_record(world, tmp_path):
    import_cli("households", write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, FIRST))
    other = [FIRST[0] | {"所属村": "外村", "网格": "外村网格", "户主姓名": "外镇张三"}]

    result = import_cli("households", write_xlsx(tmp_path / "b.xlsx", HOUSEHOLD_HEADERS, other), town="外镇")

    assert "新增 1" in result.out, result.err
    assert sorted(Household.objects.filter(household_no="NG-001").values_list("head_name", flat=True)) == [
        "外镇张三",
        "张三",
    ]


def test_the_export_reimports_with_no_change(world, tmp_path):
    rows = [
        *FIRST,
        household(
            户编号="NG-003", 户主身份证号=valid_id(3), 退出日期="2023-06-01", 退出原因="迁出", 网格=None
        ),
    ]
    import_cli("households", write_xlsx(tmp_path / "a.xlsx", HOUSEHOLD_HEADERS, rows))
    before = counts()

    assert export_cli("households", tmp_path / "out.xlsx").code == 0
    result = import_cli("households", tmp_path / "out.xlsx")

    assert "新增 0，更新 0，未变 3" in result.out, result.err
    assert counts() == before
