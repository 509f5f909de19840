"""Deleting in the UI only marks a record deleted; an administrator restores it from the trash."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_household
from tests.points.factories import make_point_rule
from xiangzhi.care.models import Household
from xiangzhi.core.models import OrgUnit
from xiangzhi.core.services.orgs import org_delete, org_restore
from xiangzhi.core.services.records import record_delete, record_restore

pytestmark = pytest.mark.django_db


def _history(client, obj) -> str:
    url = reverse("record-history", kwargs={"label": obj._meta.label_lower, "pk": obj.pk})
    return client.get(url).content.decode()


def test_deleting_a_household_keeps_the_row_and_hides_it_from_the_list(client, world):
    household = make_household(world.grid)
    client.force_login(world.users["village_cadre"])
    response = client.post(
        reverse("ledger-delete", kwargs={"ledger": "households", "pk": household.pk}), follow=True
    )
    assert "已删除" in response.content.decode()
    assert Household.all_objects.filter(pk=household.pk, deleted_at__isnull=False).count() == 1
    assert not Household.objects.filter(pk=household.pk).exists()
    listing = client.get(reverse("ledger-list", kwargs={"ledger": "households"})).content.decode()
    assert household.household_no not in listing
    detail = reverse("ledger-detail", kwargs={"ledger": "households", "pk": household.pk})
    assert client.get(detail).status_code == 404


def test_town_admin_restores_a_deleted_household_from_the_trash(client, world):
    household = make_household(world.grid)
    client.force_login(world.users["village_cadre"])
    client.post(reverse("ledger-delete", kwargs={"ledger": "households", "pk": household.pk}))
    client.force_login(world.users["town_admin"])
    trash = client.get(reverse("trash")).content.decode()
    assert household.household_no in trash
    restore = reverse("record-restore", kwargs={"label": "care.household", "pk": household.pk})
    response = client.post(restore, follow=True)
    assert f"已恢复：{household}" in response.content.decode()
    assert Household.objects.filter(pk=household.pk).exists()
    assert household.household_no not in client.get(reverse("trash")).content.decode()
    html = _history(client, household)
    assert "<strong>删除</strong>" in html and "village_cadre" in html
    assert "<strong>恢复</strong>" in html and "town_admin" in html


def test_village_cadre_cannot_restore(client, world):
    household = make_household(world.grid)
    client.force_login(world.users["village_cadre"])
    client.post(reverse("ledger-delete", kwargs={"ledger": "households", "pk": household.pk}))
    restore = reverse("record-restore", kwargs={"label": "care.household", "pk": household.pk})
    assert client.post(restore).status_code == 403
    assert not Household.objects.filter(pk=household.pk).exists()


def test_restoring_a_record_that_is_not_deleted_is_not_found(client, world):
    household = make_household(world.grid)
    client.force_login(world.users["town_admin"])
    restore = reverse("record-restore", kwargs={"label": "care.household", "pk": household.pk})
    assert client.post(restore).status_code == 404


def test_deleting_an_org_unit_keeps_it_and_an_admin_restores_it(client, world):
    grid = world.grid
    client.force_login(world.users["town_admin"])
    response = client.post(reverse("org-delete", kwargs={"pk": grid.pk}), follow=True)
    assert "管理员可恢复" in response.content.decode()
    grid.refresh_from_db()
    assert grid.deleted_at is not None
    assert not OrgUnit.objects.active().filter(pk=grid.pk).exists()
    assert str(grid.name) not in client.get(reverse("org-list")).content.decode()
    trash = client.get(reverse("trash")).content.decode()
    assert grid.name in trash
    assert client.post(reverse("org-restore", kwargs={"pk": grid.pk})).status_code == 302
    grid.refresh_from_db()
    assert grid.deleted_at is None
    html = _history(client, grid)
    assert "<strong>删除</strong>" in html
    assert "<strong>恢复</strong>" in html


def test_a_unit_with_live_units_under_it_cannot_be_deleted(client, world):
    client.force_login(world.users["town_admin"])
    response = client.post(reverse("org-delete", kwargs={"pk": world.village.pk}), follow=True)
    assert "请先删除下级单位" in response.content.decode()
    world.village.refresh_from_db()
    assert world.village.deleted_at is None


def test_a_unit_still_holding_live_records_cannot_be_deleted(client, world):
    """Its records would stay counted (lists, reports) where the unit no longer is."""
    home = make_household(world.grid2, household_no="NG-9")
    client.force_login(world.users["town_admin"])
    response = client.post(reverse("org-delete", kwargs={"pk": world.grid2.pk}), follow=True)
    assert "该单位仍有台账记录：困难群体家庭1条" in response.content.decode()
    world.grid2.refresh_from_db()
    assert world.grid2.deleted_at is None
    Household.objects.filter(pk=home.pk).update(deleted_at=timezone.now())  # in the trash
    client.post(reverse("org-delete", kwargs={"pk": world.grid2.pk}))
    world.grid2.refresh_from_db()
    assert world.grid2.deleted_at is not None


def test_records_outside_the_ledgers_keep_their_unit_too(world):
    """A village's point rules (or star applications, veto events …) are its records as well."""
    make_point_rule(world.village2)
    org_delete(acting_user=world.users["town_admin"], unit=world.grid2)
    with pytest.raises(ValidationError, match="积分规则1条"):
        org_delete(acting_user=world.users["town_admin"], unit=world.village2)


def test_a_record_of_a_deleted_unit_is_restored_after_its_unit(world):
    home = make_household(world.grid2, household_no="NG-9")
    record_delete(home, acting_user=world.users["town_admin"])
    org_delete(acting_user=world.users["town_admin"], unit=world.grid2)
    with pytest.raises(ValidationError, match="请先恢复它所属的单位「村1网格」"):
        record_restore(home, acting_user=world.users["town_admin"])
    org_restore(acting_user=world.users["town_admin"], unit=world.grid2)
    record_restore(home, acting_user=world.users["town_admin"])
    assert Household.objects.filter(pk=home.pk).exists()


def test_a_unit_under_a_deleted_parent_is_restored_parent_first(client, world):
    client.force_login(world.users["town_admin"])
    client.post(reverse("org-delete", kwargs={"pk": world.grid2.pk}))
    client.post(reverse("org-delete", kwargs={"pk": world.village2.pk}))
    response = client.post(reverse("org-restore", kwargs={"pk": world.grid2.pk}), follow=True)
    assert "请先恢复上级单位" in response.content.decode()
    world.grid2.refresh_from_db()
    assert world.grid2.deleted_at is not None


def test_records_of_a_deleted_unit_stay_in_the_database(client, world):
    household = make_household(world.grid2)
    client.force_login(world.users["town_admin"])
    client.post(reverse("org-delete", kwargs={"pk": world.grid2.pk}))
    assert Household.all_objects.filter(pk=household.pk).exists()


def test_no_page_hard_deletes_a_row(client, world):
    """Every delete URL of the project goes through the soft-delete services."""
    household = make_household(world.grid)
    client.force_login(world.users["town_admin"])
    counts = (Household.all_objects.count(), OrgUnit.objects.count())
    client.post(reverse("ledger-delete", kwargs={"ledger": "households", "pk": household.pk}))
    client.post(reverse("org-delete", kwargs={"pk": world.grid.pk}))
    assert (Household.all_objects.count(), OrgUnit.objects.count()) == counts


def test_restoring_a_unit_that_is_not_deleted_writes_nothing(client, world):
    client.force_login(world.users["town_admin"])
    history_before = world.grid.history.count()

    response = client.post(reverse("org-restore", kwargs={"pk": world.grid.pk}), follow=True)

    assert "该单位未被删除" in response.content.decode()
    assert world.grid.history.count() == history_before
