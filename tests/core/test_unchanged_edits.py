"""Two people editing the same org unit, star standard or project type: whoever saves second is
told somebody else changed it, and nothing of theirs is written (records without a version)."""

import pytest
from django.urls import reverse

from xiangzhi.core.models import OrgUnit, system_user
from xiangzhi.core.services.unchanged import values_digest
from xiangzhi.projects.models import ProjectType
from xiangzhi.stars.services.standards import standard_load
from xiangzhi.stars.standards import EXAMPLE_2023

pytestmark = pytest.mark.django_db

STALE = "该记录已被他人修改"


def _digest_of(page) -> str:
    html = page.content.decode()
    marker = 'name="shown_digest" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_an_org_unit_renamed_meanwhile_is_not_overwritten(world, client_for):
    client = client_for("town_admin")
    url = reverse("org-edit", args=[world.village.pk])
    shown = _digest_of(client.get(url))
    OrgUnit.objects.filter(pk=world.village.pk).update(name="桥湾社区")  # somebody else's save

    response = client.post(url, {"code": world.village.code, "name": "桥湾新村", "shown_digest": shown})

    assert response.status_code == 200 and STALE in response.content.decode()
    assert OrgUnit.objects.get(pk=world.village.pk).name == "桥湾社区"


def test_an_org_unit_unchanged_since_shown_is_saved(world, client_for):
    client = client_for("town_admin")
    url = reverse("org-edit", args=[world.village.pk])
    shown = _digest_of(client.get(url))

    response = client.post(url, {"code": world.village.code, "name": "桥湾新村", "shown_digest": shown})

    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=world.village.pk).name == "桥湾新村"


def test_a_project_type_retired_meanwhile_is_not_overwritten(world, client_for):
    cold_store = ProjectType.objects.create(name="冷库", order=85, town=world.town)
    client = client_for("town_admin")
    url = reverse("projects-type-edit", args=[cold_store.pk])
    shown = _digest_of(client.get(url))
    ProjectType.objects.filter(pk=cold_store.pk).update(active=False)

    response = client.post(url, {"name": "冷库", "order": 10, "active": "on", "shown_digest": shown})

    assert STALE in response.content.decode()
    cold_store.refresh_from_db()
    assert (cold_store.order, cold_store.active) == (85, False)


def test_a_star_standard_edited_meanwhile_is_not_overwritten(world, client_for):
    standard = standard_load(raw=EXAMPLE_2023.read_bytes(), org=world.town, acting_user=system_user())
    definition = standard.stars.order_by("order").first()
    client = client_for("town_admin")
    url = reverse("stars-definition-edit", args=[definition.pk])
    shown = _digest_of(client.get(url))
    type(definition).objects.filter(pk=definition.pk).update(description="县里改过的说明")

    form = {"order": definition.order, "description": "镇里的说明", "shown_digest": shown}
    response = client.post(url, form)

    assert STALE in response.content.decode()
    definition.refresh_from_db()
    assert definition.description == "县里改过的说明"


def test_the_digest_covers_exactly_the_fields_shown(world):
    before = values_digest(world.village, ("code", "name"))
    OrgUnit.objects.filter(pk=world.village.pk).update(numchild=7)  # a child added: not shown
    assert values_digest(OrgUnit.objects.get(pk=world.village.pk), ("code", "name")) == before
