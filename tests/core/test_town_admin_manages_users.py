"""A town administrator creates a 村干部 for 桥湾村 in the UI; that user logs in and sees 桥湾村 only."""

import pytest
from django.urls import reverse

from tests.factories import make_household
from xiangzhi.core.models import AuditEvent, OrgLevel, User
from xiangzhi.core.roles import Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "qiaowan-cadre-2024"


def _create_cadre(client, world, **overrides):
    data = {
        "username": "qw_cadre",
        "display_name": "桥湾村张书记",
        "password": NEW_PASSWORD,
        "role": Role.VILLAGE_CADRE,
        "org": world.village.pk,
        **overrides,
    }
    return client.post(reverse("user-create"), data)


def _log_in(client, username: str, password: str):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_new_village_cadre_logs_in_and_sees_only_their_village(client, world):
    inside = make_household(world.grid)
    outside = make_household(world.grid2)
    elsewhere = make_household(world.other_grid)
    client.force_login(world.users["town_admin"])
    response = _create_cadre(client, world)
    assert response.status_code == 302
    cadre = User.objects.get(username="qw_cadre")
    assert [(a.role, a.org) for a in cadre.role_assignments.all()] == [(Role.VILLAGE_CADRE, world.village)]

    response = _log_in(client, "qw_cadre", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert "<h1>桥湾村" in home

    orgs = client.get(reverse("org-list")).content.decode()
    assert "桥湾村" in orgs and world.grid.name in orgs
    for unseen in (world.town, world.village2, world.grid2, world.other_village):
        assert f">{unseen.name}<" not in orgs

    households = client.get(reverse("ledger-list", kwargs={"ledger": "households"})).content.decode()
    assert inside.household_no in households
    assert outside.household_no not in households
    assert elsewhere.household_no not in households
    detail = reverse("ledger-detail", kwargs={"ledger": "households", "pk": outside.pk})
    assert client.get(detail).status_code == 404


def test_creating_a_user_is_recorded_with_the_acting_admin(client, world):
    client.force_login(world.users["town_admin"])
    _create_cadre(client, world)
    cadre = User.objects.get(username="qw_cadre")
    assert cadre.history.get().history_user == world.users["town_admin"]
    event = AuditEvent.objects.get(kind="user.role_added", object_id=str(cadre.pk))
    assert (event.actor, event.org, event.detail) == (
        world.users["town_admin"],
        world.village,
        {"role": Role.VILLAGE_CADRE},
    )


def test_user_create_form_offers_only_units_of_the_admins_town(client, world):
    client.force_login(world.users["town_admin"])
    form = client.get(reverse("user-create")).context["form"]
    offered = set(form.fields["org"].queryset)
    assert world.village in offered and world.grid2 in offered
    assert world.other_village not in offered and world.county not in offered


def test_town_admin_cannot_create_a_user_in_another_town(client, world):
    client.force_login(world.users["town_admin"])
    response = _create_cadre(client, world, org=world.other_village.pk)
    assert response.status_code == 200
    assert "org" in response.context["form"].errors
    assert not User.objects.filter(username="qw_cadre").exists()


def test_a_role_must_fit_the_level_of_its_unit(client, world):
    client.force_login(world.users["town_admin"])
    response = _create_cadre(client, world, org=world.grid.pk)
    assert response.context["form"].errors["org"] == ["该角色不能分配到这一层级的单位"]
    assert not User.objects.filter(username="qw_cadre").exists()


def test_user_names_are_unique_regardless_of_case(client, world):
    client.force_login(world.users["town_admin"])
    response = _create_cadre(client, world, username="VILLAGE_CADRE")
    assert response.context["form"].errors["username"] == ["用户名已存在"]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw", "密码太短：至少需要 12 个字符。"),
        ("password1234", "这个密码太常见了。"),
        ("839201748362915", "密码只包含数字。"),
        ("qw_cadre_2024x", "密码跟 用户名 太相似了。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(client, world, password, message):
    client.force_login(world.users["town_admin"])
    response = _create_cadre(client, world, password=password)
    assert response.status_code == 200
    assert message in response.context["form"].errors["password"]
    assert message in response.content.decode()
    assert not User.objects.filter(username="qw_cadre").exists()


def test_town_admin_adds_villages_and_grids_in_the_ui(client, world):
    client.force_login(world.users["town_admin"])
    response = client.post(
        reverse("org-create", kwargs={"pk": world.town.pk}),
        {"code": "410811101299", "name": "张庄村", "level": OrgLevel.VILLAGE},
    )
    assert response.status_code == 302
    village = world.town.__class__.objects.get(code="410811101299")
    response = client.post(
        reverse("org-create", kwargs={"pk": village.pk}),
        {"code": "41081110129901", "name": "张庄村第1网格", "level": OrgLevel.GRID},
    )
    assert response.status_code == 302
    grid = village.__class__.objects.get(code="41081110129901")
    assert village.__class__.objects.get_parent(grid) == village
    assert grid.history.get().history_user == world.users["town_admin"]


def test_a_village_cannot_be_created_under_a_grid(client, world):
    client.force_login(world.users["town_admin"])
    response = client.post(
        reverse("org-create", kwargs={"pk": world.grid.pk}),
        {"code": "410811101298", "name": "错位村", "level": OrgLevel.VILLAGE},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["level"] == ["村不能设在网格之下"]


def test_a_second_village_of_the_same_name_is_refused_on_the_form(client, world):
    client.force_login(world.users["town_admin"])
    response = client.post(
        reverse("org-create", kwargs={"pk": world.town.pk}),
        {"code": "410811101297", "name": world.village.name, "level": OrgLevel.VILLAGE},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        f"{world.town.name}下已有名为「{world.village.name}」的单位"
    ]
    rename = client.post(
        reverse("org-edit", kwargs={"pk": world.village2.pk}),
        {"code": world.village2.code, "name": world.village.name},
    )
    assert rename.status_code == 200
    assert "已有名为" in rename.content.decode()
    world.village2.refresh_from_db()
    assert world.village2.name == "村1"


def test_a_deactivated_user_can_no_longer_log_in(client, world):
    client.force_login(world.users["town_admin"])
    _create_cadre(client, world)
    cadre = User.objects.get(username="qw_cadre")
    client.post(reverse("user-toggle-active", kwargs={"pk": cadre.pk}))
    response = _log_in(client, "qw_cadre", NEW_PASSWORD)
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
