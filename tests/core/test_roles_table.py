"""The one table of who may do what (core/roles.py), written out here by hand, and ``restrict``:
"the units where this user may edit / import / restore" as one query."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.factories import RECORD_FACTORIES
from xiangzhi.core.ledgers.context import ImportContext
from xiangzhi.core.ledgers.forms import editable_orgs
from xiangzhi.core.models import OrgLevel, OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import COUNTY_WRITES_ONLY, LEDGER_OVERRIDES, Capability, may, roles_granting
from xiangzhi.core.services.records import record_delete

pytestmark = pytest.mark.django_db

# role -> the capabilities it holds, for every ledger without an exception.
ROLE_TABLE = {
    "grid_worker": {"view", "edit"},
    "village_cadre": {"view", "edit", "import", "reveal_pii"},
    "town_admin": {"view", "edit", "import", "manage_org", "restore", "reveal_pii", "review_town", "report"},
    "county_reviewer": {"view", "review_county", "report"},
    "leader": {"view", "report"},
}

# 评星结果 is the county's verdict: only the county level writes, imports and restores it (a town
# that could restore a result the county deleted would award its village a star).
STAR_RESULTS_TABLE = {
    "grid_worker": {"view"},
    "village_cadre": {"view", "reveal_pii"},
    "town_admin": {"view", "manage_org", "reveal_pii", "review_town", "report"},
    "county_reviewer": {"view", "edit", "import", "restore", "review_county", "report"},
    "leader": {"view", "report"},
}


@pytest.fixture
def county_writes_star_results(monkeypatch):
    monkeypatch.setitem(LEDGER_OVERRIDES, "star_results", COUNTY_WRITES_ONLY)


def _held(role: str, ledger: str | None) -> set[str]:
    return {capability for capability in Capability.values if role in roles_granting(capability, ledger)}


@pytest.mark.parametrize("role", list(ROLE_TABLE))
def test_each_role_holds_exactly_its_capabilities(role):
    assert _held(role, None) == ROLE_TABLE[role]
    assert _held(role, "households") == ROLE_TABLE[role]


@pytest.mark.parametrize("role", list(STAR_RESULTS_TABLE))
def test_star_results_are_written_by_the_county_level_only(county_writes_star_results, role):
    assert _held(role, "star_results") == STAR_RESULTS_TABLE[role]


# persona -> (may edit 桥湾村's households, may edit 桥湾村's star results, may import star results there)
MAY_AT_THE_VILLAGE = {
    "grid_worker": (False, False, False),  # a grid worker edits in their grid only
    "village_cadre": (True, False, False),
    "town_admin": (True, False, False),
    "county_reviewer": (False, True, True),
    "leader": (False, False, False),
    "outsider": (False, False, False),
}


@pytest.mark.parametrize("persona", list(MAY_AT_THE_VILLAGE))
def test_may_reads_the_table_for_a_unit_and_a_ledger(world, county_writes_star_results, persona):
    user = world.users[persona]
    found = (
        may(user, Capability.EDIT, world.village, "households"),
        may(user, Capability.EDIT, world.village, "star_results"),
        may(user, Capability.IMPORT, world.village, "star_results"),
    )
    assert found == MAY_AT_THE_VILLAGE[persona]


def test_nobody_is_an_actor(world):
    assert may(None, Capability.VIEW, world.village) is False
    assert not OrgUnit.objects.restrict(None, Capability.VIEW).exists()
    assert not OrgUnit.objects.visible_to(None).exists()


# persona -> names of the units where they may edit (restrict(user, EDIT)).
EDITABLE_UNITS = {
    "grid_worker": {"村0网格"},
    "village_cadre": {"桥湾村", "村0网格"},
    "town_admin": {"宁郭镇", "桥湾村", "村0网格", "村1", "村1网格"},
    "county_reviewer": set(),
    "leader": set(),
    "outsider": {"外镇", "外村", "外村网格"},
}


@pytest.mark.parametrize("persona", list(EDITABLE_UNITS))
def test_restrict_lists_the_units_a_user_may_edit(world, persona):
    names = set(
        OrgUnit.objects.restrict(world.users[persona], Capability.EDIT).values_list("name", flat=True)
    )
    assert names == EDITABLE_UNITS[persona]


def _more_villages(world, count: int) -> None:
    for index in range(count):
        OrgUnit.objects.add_child(
            OrgUnit.objects.get(pk=world.town.pk),
            dict(code=f"41081110130{index}", name=f"新村{index}", level=OrgLevel.VILLAGE),
        )


def _town_admin(world) -> User:
    """A fresh copy of the town administrator with their assignments loaded (once per request)."""
    user = User.objects.get(pk=world.users["town_admin"].pk)
    assert user.assignments
    return user


@pytest.mark.parametrize("villages", [0, 5])
def test_restrict_is_one_query_whatever_the_number_of_units(world, django_assert_num_queries, villages):
    _more_villages(world, villages)
    user = _town_admin(world)
    with django_assert_num_queries(1):
        editable = list(OrgUnit.objects.restrict(user, Capability.EDIT))
    assert len(editable) == 5 + villages
    with django_assert_num_queries(1):
        offered = list(editable_orgs(user, [OrgLevel.VILLAGE], "households"))
    assert len(offered) == 2 + villages
    with django_assert_num_queries(1):
        ctx = ImportContext(town=world.town, acting_user=user, ledger="households")
        ctx.check_may_import(world.village, "village")
        ctx.check_may_import(world.village2, "village")


def test_a_county_reviewer_is_offered_villages_for_star_results_only(world, county_writes_star_results):
    reviewer = world.users["county_reviewer"]
    assert set(editable_orgs(reviewer, [OrgLevel.VILLAGE], "star_results")) == {
        world.village,
        world.village2,
        world.other_village,
    }
    assert not editable_orgs(reviewer, [OrgLevel.VILLAGE], "households").exists()
    assert not editable_orgs(world.users["town_admin"], [OrgLevel.VILLAGE], "star_results").exists()


def test_an_ended_assignment_grants_nothing(world):
    assignment = RoleAssignment.objects.get(user=world.users["village_cadre"])
    RoleAssignment.objects.filter(pk=assignment.pk).update(ended_at="2024-01-01T00:00Z")
    cadre = User.objects.get(pk=world.users["village_cadre"].pk)

    assert cadre.assignments == []
    assert cadre.scope_paths() == []
    assert cadre.can(Capability.VIEW, world.village) is False
    assert not OrgUnit.objects.visible_to(cadre).exists()


def test_a_ledger_rule_holds_on_the_pages_and_in_the_services(world, client, county_writes_star_results):
    result = RECORD_FACTORIES["star_results"](world.village)
    edit = reverse("ledger-edit", kwargs={"ledger": "star_results", "pk": result.pk})

    client.force_login(world.users["town_admin"])
    assert client.get(edit).status_code == 403
    with pytest.raises(PermissionDenied):
        record_delete(result, acting_user=world.users["town_admin"])
    client.force_login(world.users["county_reviewer"])
    assert client.get(edit).status_code == 200
    record_delete(result, acting_user=world.users["county_reviewer"])
    assert type(result).all_objects.get(pk=result.pk).deleted_at is not None
