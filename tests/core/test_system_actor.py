"""``None`` is never an actor: a write without one is a developer error, and work nobody signed in
for (the command line) is done by the named system actor, whom history rows name."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_household
from tests.security.support import write_xlsx
from xiangzhi.care.models import Household
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import OrgUnit, User, system_user
from xiangzhi.core.roles import Capability, Role
from xiangzhi.core.services import users as user_services
from xiangzhi.core.services.access import MissingActor
from xiangzhi.core.services.org_import import import_orgs
from xiangzhi.core.services.records import record_create, record_delete, record_restore, record_update
from xiangzhi.reports.period import Period
from xiangzhi.reports.scope import ReportScope
from xiangzhi.security.models import Camera

pytestmark = pytest.mark.django_db

CAMERAS = [["点位编号", "所属村", "位置"], ["JK-1", "桥湾村", "村口"]]


def test_the_system_actor_is_one_named_user_who_cannot_log_in(client):
    system = system_user()

    assert system_user() == system
    assert (system.username, str(system), system.is_active, system.has_usable_password()) == (
        "system",
        "系统",
        False,
        False,
    )
    assert User.objects.filter(is_system=True).count() == 1
    response = client.post(reverse("login"), {"username": "system", "password": ""}, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_system_actor_holds_every_capability_and_sees_everything(world):
    system = system_user()
    assert system.can(Capability.RESTORE, world.other_grid)
    assert system.can(Capability.EDIT, world.village, ledger="households")
    assert OrgUnit.objects.visible_to(system).count() == OrgUnit.objects.count()


def test_a_record_write_without_an_actor_raises_and_writes_nothing(world):
    household = make_household(world.grid, household_no="NG-1")
    draft = Household(**{f.attname: getattr(household, f.attname) for f in Household._meta.concrete_fields})
    draft.pk = draft.id = None
    draft.household_no = "NG-2"

    with pytest.raises(MissingActor):
        record_create(draft, acting_user=None)
    with pytest.raises(MissingActor):
        record_update(household, acting_user=None, expected_version=household.version)
    with pytest.raises(MissingActor):
        record_delete(household, acting_user=None)
    with pytest.raises(MissingActor):
        record_restore(household, acting_user=None)

    assert list(Household.all_objects.values_list("household_no", "deleted_at")) == [("NG-1", None)]


def test_user_services_without_an_actor_raise(world):
    with pytest.raises(MissingActor):
        user_services.user_create(
            acting_user=None,
            username="x",
            display_name="x",
            password="x" * 20,
            role=Role.GRID_WORKER,
            org=world.grid,
        )
    member = world.users["grid_worker"]
    with pytest.raises(MissingActor):
        user_services.user_reset_password(acting_user=None, user=member, password="y" * 20)
    with pytest.raises(MissingActor):
        user_services.assignment_end(acting_user=None, assignment=member.role_assignments.get())
    assert not User.objects.filter(username="x").exists()
    assert member.role_assignments.get().ended_at is None


def test_an_import_without_an_actor_raises(world, tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx", CAMERAS)
    with pytest.raises(MissingActor):
        import_file(get_ledger("cameras"), path, path.name, town=world.town, acting_user=None)
    with pytest.raises(MissingActor):
        import_orgs(path, path.name, acting_user=None)
    assert not Camera.all_objects.exists()


def test_a_report_has_a_reader(world):
    with pytest.raises(TypeError):
        ReportScope(world.town, Period.of_year(2023))  # the reader is required, never None


def test_the_command_line_import_is_recorded_as_the_system_actor(world, tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx", CAMERAS)

    call_command("import", "cameras", str(path), "--town", world.town.name, stdout=io.StringIO())

    assert Camera.objects.get().history.get().history_user == system_user()
