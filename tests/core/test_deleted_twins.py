"""A key still held by a deleted record (in the recycle bin) is refused with a message that says so,
on every ledger, instead of failing in the database as an error page."""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import RECORD_FACTORIES, make_household
from tests.world import ledger_writer
from xiangzhi.care.models import Household
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.services.records import record_delete

pytestmark = pytest.mark.django_db

UNIQUE_KEYED = [
    name for name in sorted(RECORD_FACTORIES) if get_ledger(name).model._meta.total_unique_constraints
]


@pytest.mark.parametrize("ledger", UNIQUE_KEYED)
def test_a_new_record_with_a_deleted_records_key_is_invalid(world, ledger):
    deleted = RECORD_FACTORIES[ledger](world.grid)
    record_delete(deleted, acting_user=world.users[ledger_writer(ledger)])
    twin = copy.copy(deleted)
    twin.pk = twin.id = None
    twin.deleted_at = None

    with pytest.raises(ValidationError, match="回收站中有一条"):
        twin.full_clean()


def test_adding_a_household_under_a_deleted_households_number_shows_the_form_again(world, client_for):
    deleted = make_household(world.grid, household_no="NG-010")
    record_delete(deleted, acting_user=world.users["town_admin"])
    form = {
        "household_no": "NG-010",
        "org": world.grid.pk,
        "head_name": "新户主",
        "head_id_number": "410802198001011238",
        "size": 2,
        "categories": ["独居老人"],
        "enrolled_on": "2021-06-06",
    }

    response = client_for("town_admin").post(reverse("ledger-create", args=["households"]), form)

    assert response.status_code == 200
    assert "回收站中有一条户编号相同的已删除记录" in response.content.decode()
    assert Household.all_objects.filter(household_no="NG-010").count() == 1


def test_renumbering_a_household_to_a_deleted_households_number_is_refused(world, client_for):
    deleted = make_household(world.grid, household_no="NG-011")
    record_delete(deleted, acting_user=world.users["town_admin"])
    household = make_household(world.grid, household_no="NG-012")
    form = {
        "version": household.version,
        "household_no": "NG-011",
        "org": household.org_id,
        "head_name": household.head_name,
        "size": household.size,
        "categories": household.categories,
        "enrolled_on": household.enrolled_on.isoformat(),
    }

    response = client_for("town_admin").post(reverse("ledger-edit", args=["households", household.pk]), form)

    assert response.status_code == 200
    assert "回收站中有一条户编号相同的已删除记录" in response.content.decode()
    household.refresh_from_db()
    assert (household.household_no, household.version) == ("NG-012", 1)
