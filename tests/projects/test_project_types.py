"""Project types are data: seeded with CONTRACT's list, extended and retired by town administrators."""

import pytest
from django.urls import reverse

from tests.projects.factories import make_project
from xiangzhi.core.models import AuditEvent
from xiangzhi.projects.models import CONTRACT_PROJECT_TYPES, ProjectType

pytestmark = pytest.mark.django_db


def test_the_contract_types_are_seeded_in_order_with_other_last():
    names = list(ProjectType.objects.filter(active=True).values_list("name", flat=True))

    assert names == list(CONTRACT_PROJECT_TYPES)


def test_town_admin_adds_a_type_from_the_types_page(world, client_for):
    client = client_for("town_admin")

    response = client.post(reverse("projects-types"), {"name": " 冷库 ", "order": 85, "active": "on"})

    assert response.status_code == 302
    added = ProjectType.objects.get(name="冷库")
    assert added.active and added.order == 85
    assert added.history.get().history_user == world.users["town_admin"]
    assert AuditEvent.objects.get(kind="project_type.created").detail == {"name": "冷库"}


def test_a_duplicate_type_name_is_refused_on_the_page(world, client_for):
    response = client_for("town_admin").post(reverse("projects-types"), {"name": "绿化", "order": 1})

    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert ProjectType.objects.filter(name="绿化").count() == 1


def test_town_admin_retires_a_type(world, client_for):
    greening = ProjectType.objects.get(name="绿化")

    response = client_for("town_admin").post(
        reverse("projects-type-edit", args=[greening.pk]), {"name": "绿化", "order": greening.order}
    )

    assert response.status_code == 302
    greening.refresh_from_db()
    assert not greening.active


def test_an_unused_type_may_be_renamed(world, client_for):
    greening = ProjectType.objects.get(name="绿化")

    client_for("town_admin").post(
        reverse("projects-type-edit", args=[greening.pk]), {"name": "绿化美化", "order": 70, "active": "on"}
    )

    greening.refresh_from_db()
    assert greening.name == "绿化美化"


def test_a_type_in_use_cannot_be_renamed(world, client_for):
    make_project(world.grid, kind="绿化")
    greening = ProjectType.objects.get(name="绿化")

    response = client_for("town_admin").post(
        reverse("projects-type-edit", args=[greening.pk]), {"name": "绿化美化", "order": 70, "active": "on"}
    )

    assert response.status_code == 200
    assert "已有项目使用该类型，不能改名" in response.content.decode()
    assert ProjectType.objects.filter(name="绿化").exists()


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
