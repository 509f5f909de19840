"""Records that cannot exist without another one go to the recycle bin with it and come back with
it; and a household's members and visits stay in the household's grid when it moves."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import _save, make_household
from tests.ledgers.support import HOUSEHOLD_HEADERS, household, write_xlsx
from xiangzhi.care.models import Household, Member, Visit
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user
from xiangzhi.core.services.records import record_delete, record_restore, record_update

pytestmark = pytest.mark.django_db


def _family(org, household_no="NG-100"):
    head = make_household(org, household_no=household_no)
    member = _save(Member(household=head, name="成员", id_number="410802201001011240", relation="子女"), org)
    visits = [
        _save(Visit(household=head, visited_on=dt.date(2023, m, 1), visitor="李四"), org) for m in (1, 2)
    ]
    return head, member, visits


def _state(record):
    stored = type(record).all_objects.get(pk=record.pk)
    return stored.org_id, stored.deleted_at is not None


def test_deleting_a_household_deletes_its_members_and_visits_and_restoring_brings_them_back(world):
    admin = world.users["town_admin"]
    head, member, visits = _family(world.grid)
    record_delete(visits[0], acting_user=admin)  # deleted on its own, before

    record_delete(head, acting_user=admin)

    assert not Member.objects.filter(pk=member.pk).exists()
    assert not Visit.objects.filter(household=head).exists()
    reason = Member.history.filter(id=member.pk).first().history_change_reason
    assert reason.startswith("删除（随困难群体家庭「")

    record_restore(head, acting_user=admin)

    assert Member.objects.filter(pk=member.pk).exists()
    # Only what went with the household comes back; the visit deleted on its own stays deleted.
    assert list(Visit.objects.filter(household=head)) == [visits[1]]


def test_a_visit_of_a_deleted_household_cannot_be_restored_on_its_own(world, client_for):
    head, _, visits = _family(world.grid)
    record_delete(head, acting_user=world.users["town_admin"])

    response = client_for("town_admin").post(
        reverse("record-restore", kwargs={"label": "care.visit", "pk": visits[0].pk}), follow=True
    )

    assert response.status_code == 200
    assert "请先恢复它所属的困难群体家庭「" in response.content.decode()
    assert _state(visits[0]) == (world.grid.pk, True)


def test_the_recycle_bin_lists_the_household_not_each_visit_deleted_with_it(world, client_for):
    head, _, visits = _family(world.grid)
    record_delete(head, acting_user=world.users["town_admin"])

    html = client_for("town_admin").get(reverse("trash")).content.decode()

    assert head.household_no in html
    assert reverse("record-restore", kwargs={"label": "care.visit", "pk": visits[0].pk}) not in html


def test_deleting_twice_writes_one_history_row(world):
    head, _, _ = _family(world.grid)
    admin = world.users["town_admin"]
    record_delete(head, acting_user=admin)
    record_delete(head, acting_user=admin)

    assert Household.history.filter(id=head.pk, history_change_reason="删除").count() == 1


def test_members_and_visits_move_with_their_household_by_its_form(world):
    head, member, visits = _family(world.grid)
    head.org = world.orgs["grid2"]

    record_update(head, acting_user=world.users["town_admin"], expected_version=head.version)

    assert {_state(record) for record in (member, *visits)} == {(world.orgs["grid2"].pk, False)}
    moved = Visit.history.filter(id=visits[0].pk).first()
    assert moved.history_change_reason.startswith("随困难群体家庭「")
    assert moved.org_id == world.orgs["grid2"].pk


def test_members_and_visits_move_with_their_household_by_an_import(world, tmp_path):
    head, member, visits = _family(world.grid, household_no="NG-101")
    row = household(户编号="NG-101", 所属村="村1", 网格="村1网格")
    path = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [row])

    report = import_file(
        get_ledger("households"), path, path.name, town=world.town, acting_user=system_user()
    )

    assert report.ok and report.updated == 1
    assert {_state(record) for record in (head, member, *visits)} == {(world.orgs["grid2"].pk, False)}
    assert Member.history.filter(id=member.pk).first().history_change_reason == "导入 h.xlsx"
