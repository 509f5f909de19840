"""Project types are data: CONTRACT's list shared by every town (kept by the system administrator),
and each town's own types, added and retired by that town's administrators for that town only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.projects.factories import make_project
from xiangzhi.core.models import AuditEvent, User
from xiangzhi.projects.models import CONTRACT_PROJECT_TYPES, Project, ProjectType
from xiangzhi.projects.services import project_type_create

pytestmark = pytest.mark.django_db


def test_the_contract_types_are_seeded_in_order_with_other_last():
    names = list(ProjectType.objects.filter(active=True).values_list("name", flat=True))

    assert names == list(CONTRACT_PROJECT_TYPES)


def test_town_admin_adds_a_type_from_the_types_page(world, client_for):
    client = client_for("town_admin")

    response = client.post(reverse("projects-types"), {"name": " 冷库 ", "order": 85, "active": "on"})

    assert response.status_code == 302
    added = ProjectType.objects.get(name="冷库")
    assert added.active and added.order == 85 and added.town == world.town
    assert added.history.get().history_user == world.users["town_admin"]
    assert AuditEvent.objects.get(kind="project_type.created").detail == {"name": "冷库"}


def test_a_duplicate_type_name_is_refused_on_the_page(world, client_for):
    response = client_for("town_admin").post(reverse("projects-types"), {"name": "绿化", "order": 1})

    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert ProjectType.objects.filter(name="绿化").count() == 1


def _own_type(world, name="冷库", town=None):
    return ProjectType.objects.create(name=name, order=85, town=town or world.town)


def _edit(client, project_type, **changes):
    form = {"name": project_type.name, "order": project_type.order, "active": "on", **changes}
    if not form["active"]:
        del form["active"]
    return client.post(reverse("projects-type-edit", args=[project_type.pk]), form)


def test_town_admin_retires_a_type_of_the_town(world, client_for):
    cold_store = _own_type(world)

    response = _edit(client_for("town_admin"), cold_store, active="")

    assert response.status_code == 302
    cold_store.refresh_from_db()
    assert not cold_store.active


def test_a_shared_type_is_kept_by_the_system_administrator_not_a_town(world, client_for, client):
    greening = ProjectType.objects.get(name="绿化")

    assert _edit(client_for("town_admin"), greening, active="").status_code == 403
    greening.refresh_from_db()
    assert greening.active
    client.force_login(User.objects.create_superuser("root", password="not-used-9-long"))
    assert _edit(client, greening, active="").status_code == 302
    greening.refresh_from_db()
    assert not greening.active


def test_a_town_type_is_the_towns_alone(world, client_for, tmp_path):
    cold_store = _own_type(world)

    outsider = client_for("outsider")  # the administrator of another town
    assert _edit(outsider, cold_store, active="").status_code == 404
    assert "冷库" not in outsider.get(reverse("projects-types")).content.decode()
    form = outsider.get(reverse("ledger-create", args=["projects"])).content.decode()
    assert '<option value="冷库">' not in form and '<option value="绿化">' in form
    # The other town may have a 冷库 of its own; the name is not taken across towns.
    response = outsider.post(reverse("projects-types"), {"name": "冷库", "order": 85, "active": "on"})
    assert response.status_code == 302
    assert ProjectType.objects.filter(name="冷库").count() == 2


def test_a_town_type_cannot_take_a_shared_name(world):
    with pytest.raises(ValidationError, match="项目类型「绿化」已存在"):
        project_type_create(
            town=world.town, name="绿化", order=1, active=True, acting_user=world.users["town_admin"]
        )


def test_a_project_of_another_towns_type_is_refused_by_the_form(world, client_for):
    _own_type(world, town=world.other_town)
    form = {"project_no": "XM-1", "org": world.village.pk, "name": "冷库建设", "kind": "冷库"}

    response = client_for("town_admin").post(reverse("ledger-create", args=["projects"]), form)

    assert response.status_code == 200
    assert not Project.objects.exists()


def test_an_unused_type_may_be_renamed(world, client_for):
    cold_store = _own_type(world)

    _edit(client_for("town_admin"), cold_store, name="冷链仓储")

    cold_store.refresh_from_db()
    assert cold_store.name == "冷链仓储"


def test_a_type_in_use_cannot_be_renamed(world, client_for):
    cold_store = _own_type(world)
    make_project(world.grid, kind="冷库")

    response = _edit(client_for("town_admin"), cold_store, name="冷链仓储")

    assert response.status_code == 200
    assert "已有项目使用该类型，不能改名" in response.content.decode()
    assert ProjectType.objects.filter(name="冷库").exists()


def test_a_type_used_only_in_another_town_may_be_renamed(world, client_for):
    cold_store = _own_type(world)
    make_project(world.other_grid, kind="冷库")  # the other town's project, of its own 冷库

    assert _edit(client_for("town_admin"), cold_store, name="冷链仓储").status_code == 302


@pytest.mark.parametrize("persona", ["village_cadre", "grid_worker", "county_reviewer"])
def test_only_those_who_manage_the_organisation_edit_types(world, client_for, persona):
    client = client_for(persona)

    response = client.post(reverse("projects-types"), {"name": "冷库", "order": 85, "active": "on"})

    assert response.status_code == 403
    assert not ProjectType.objects.filter(name="冷库").exists()


def test_the_project_form_offers_only_active_types(world, client_for):
    ProjectType.objects.filter(name="绿化").update(active=False)
    ProjectType.objects.create(name="冷库", order=85)

    page = client_for("town_admin").get(reverse("ledger-create", args=["projects"])).content.decode()

    assert '<option value="冷库">' in page and '<option value="污水管网">' in page
    assert '<option value="绿化">' not in page


def test_a_project_of_a_retired_type_keeps_it_when_edited(world, client_for):
    project = make_project(world.grid, kind="绿化")
    ProjectType.objects.filter(name="绿化").update(active=False)
    form = {
        "project_no": project.project_no,
        "org": project.org_id,
        "name": "绿化（二期）",
        "kind": "绿化",
        "version": 1,
    }

    response = client_for("town_admin").post(reverse("ledger-edit", args=["projects", project.pk]), form)

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.kind) == ("绿化（二期）", "绿化")


def test_a_new_project_of_a_retired_type_is_refused_by_the_form(world, client_for):
    ProjectType.objects.filter(name="绿化").update(active=False)
    form = {"project_no": "XM-1", "org": world.village.pk, "name": "绿化", "kind": "绿化"}

    response = client_for("town_admin").post(reverse("ledger-create", args=["projects"]), form)

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()


def test_a_type_name_is_read_as_the_projects_import_reads_it(world, client_for):
    # A type's name is a value of the sheet's 项目类型 column: ＰＶＣ管网 must be the PVC管网 a
    # project form or an import chooses, and #N/A could never be chosen at all.
    client = client_for("town_admin")

    client.post(reverse("projects-types"), {"name": "ＰＶＣ管网", "order": 85, "active": "on"})
    refused = client.post(reverse("projects-types"), {"name": "#N/A", "order": 86, "active": "on"})

    assert ProjectType.objects.filter(name="PVC管网", town=world.town).exists()
    assert "是 Excel 的错误值" in refused.content.decode()
    assert not ProjectType.objects.filter(name="#N/A").exists()
