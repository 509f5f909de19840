"""Four eyes for people: nobody creates, grants a role to, resets the password of, deactivates or
ends the role of a user holding the same or a higher role at their unit; that is the level
above's job. And removing a role ends it (with who and when), it is never deleted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from xiangzhi.core.models import AuditEvent, OrgUnit, RoleAssignment, User, system_user
from xiangzhi.core.roles import Role
from xiangzhi.core.services import users as user_services

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-7"

# The account acted upon: (role, where).
TARGETS = {
    "peer_town_admin": (Role.TOWN_ADMIN, "town"),
    "town_leader": (Role.LEADER, "town"),
    "cadre": (Role.VILLAGE_CADRE, "village"),
    "grid": (Role.GRID_WORKER, "grid"),
}
ACTIONS = ("create", "grant", "reset", "deactivate", "end")

# actor -> target -> outcome of each of ACTIONS: "ok", "403" (PermissionDenied) or "role" (the
# four-eyes message on the role field, where a form chose the role).
FOUR_EYES = {
    "town_admin": {
        "peer_town_admin": ("role", "403", "403", "403", "403"),
        "town_leader": ("role", "403", "403", "403", "403"),
        "cadre": ("ok", "ok", "ok", "ok", "ok"),
        "grid": ("ok", "ok", "ok", "ok", "ok"),
    },
    "outsider": {  # the town administrator of another town
        "peer_town_admin": ("403", "403", "403", "403", "403"),
        "town_leader": ("403", "403", "403", "403", "403"),
        "cadre": ("403", "403", "403", "403", "403"),
        "grid": ("403", "403", "403", "403", "403"),
    },
    "village_cadre": {
        "peer_town_admin": ("403", "403", "403", "403", "403"),
        "town_leader": ("403", "403", "403", "403", "403"),
        "cadre": ("403", "403", "403", "403", "403"),
        "grid": ("403", "403", "403", "403", "403"),
    },
    "county_reviewer": {
        "peer_town_admin": ("403", "403", "403", "403", "403"),
        "town_leader": ("403", "403", "403", "403", "403"),
        "cadre": ("403", "403", "403", "403", "403"),
        "grid": ("403", "403", "403", "403", "403"),
    },
    "superuser": {
        "peer_town_admin": ("ok", "ok", "ok", "ok", "ok"),
        "town_leader": ("ok", "ok", "ok", "ok", "ok"),
        "cadre": ("ok", "ok", "ok", "ok", "ok"),
        "grid": ("ok", "ok", "ok", "ok", "ok"),
    },
    "system": {
        "peer_town_admin": ("ok", "ok", "ok", "ok", "ok"),
        "town_leader": ("ok", "ok", "ok", "ok", "ok"),
        "cadre": ("ok", "ok", "ok", "ok", "ok"),
        "grid": ("ok", "ok", "ok", "ok", "ok"),
    },
}


def _actor(world, name: str) -> User:
    if name == "superuser":
        return User.objects.create_superuser(username="root", password=PASSWORD)
    if name == "system":
        return system_user()
    return User.objects.get(pk=world.users[name].pk)  # a fresh copy, as each request has


def _target(world, name: str) -> User:
    role, where = TARGETS[name]
    user = User.objects.create_user(username=f"target_{name}", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=role, org=world.orgs[where])
    return user


def _do(action: str, actor: User, world, target_name: str) -> None:
    role, where = TARGETS[target_name]
    if action == "create":
        user_services.user_create(
            acting_user=actor,
            username="new",
            display_name="新",
            password=PASSWORD,
            role=role,
            org=world.orgs[where],
        )
        return
    target = _target(world, target_name)
    if action == "grant":
        user_services.assignment_add(acting_user=actor, user=target, role=Role.GRID_WORKER, org=world.grid2)
    elif action == "reset":
        user_services.user_reset_password(acting_user=actor, user=target, password=PASSWORD + "x")
    elif action == "deactivate":
        user_services.user_set_active(acting_user=actor, user=target, active=False)
    else:
        user_services.assignment_end(acting_user=actor, assignment=target.role_assignments.get())


def _outcome(action: str, actor: User, world, target_name: str) -> str:
    try:
        _do(action, actor, world, target_name)
    except PermissionDenied:
        return "403"
    except ValidationError as error:
        return "role" if list(error.message_dict) == ["role"] else f"invalid {error.message_dict}"
    return "ok"


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("actor", list(FOUR_EYES))
def test_four_eyes(world, actor, target, action):
    expected = FOUR_EYES[actor][target][ACTIONS.index(action)]
    before = AuditEvent.objects.count()

    assert _outcome(action, _actor(world, actor), world, target) == expected

    if expected != "ok":
        assert AuditEvent.objects.count() == before
        assert not User.objects.filter(username="new").exists()


def test_the_role_message_says_who_grants_it(world):
    with pytest.raises(ValidationError) as refused:
        _do("create", _actor(world, "town_admin"), world, "peer_town_admin")
    assert refused.value.message_dict == {
        "role": ["不能授予与您同级或更高的角色（镇管理员）：请由上级或系统管理员办理"]
    }


def test_a_town_administrator_is_offered_only_the_roles_below_theirs(client_for):
    form = client_for("town_admin").get(reverse("user-create")).context["form"]
    assert [value for value, _ in form.fields["role"].choices] == [Role.VILLAGE_CADRE, Role.GRID_WORKER]


def test_a_peers_page_shows_no_account_forms_and_refuses_a_reset(world, client_for):
    peer = _target(world, "peer_town_admin")
    client = client_for("town_admin")
    page = client.get(reverse("user-detail", kwargs={"pk": peer.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "由上级或系统管理员管理" in text
    assert "设置新密码" not in text and "添加角色" not in text and "停用</button>" not in text
    data = {"action": "password", "password": PASSWORD + "x", "password_again": PASSWORD + "x"}
    assert client.post(reverse("user-detail", kwargs={"pk": peer.pk}), data).status_code == 403
    assert client.post(reverse("user-toggle-active", kwargs={"pk": peer.pk})).status_code == 403
    peer.refresh_from_db()
    assert peer.check_password(PASSWORD) and peer.is_active


def test_ending_a_role_keeps_it_on_record_and_it_grants_nothing(world, client_for):
    cadre = world.users["village_cadre"]
    assignment = cadre.role_assignments.get()
    client = client_for("town_admin")

    response = client.post(reverse("assignment-remove", kwargs={"pk": assignment.pk}))

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_at is not None and assignment.ended_by == world.users["town_admin"]
    assert assignment.history.first().history_user == world.users["town_admin"]
    event = AuditEvent.objects.get(kind="user.role_removed")
    assert (event.actor, event.org, event.detail) == (
        world.users["town_admin"],
        world.village,
        {"role": "village_cadre"},
    )
    fresh = User.objects.get(pk=cadre.pk)
    assert fresh.assignments == [] and not OrgUnit.objects.visible_to(fresh).exists()
    client.force_login(cadre)
    assert client.get(reverse("org-detail", kwargs={"pk": world.village.pk})).status_code == 404


def test_an_ended_role_is_shown_as_ended_and_restored_from_the_users_page(world, client_for):
    cadre = world.users["village_cadre"]
    assignment = cadre.role_assignments.get()
    user_services.assignment_end(acting_user=world.users["town_admin"], assignment=assignment)
    client = client_for("town_admin")

    page = client.get(reverse("user-detail", kwargs={"pk": cadre.pk})).content.decode()
    assert "已结束" in page and reverse("assignment-restore", kwargs={"pk": assignment.pk}) in page
    response = client.post(reverse("assignment-restore", kwargs={"pk": assignment.pk}))

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.ended_at, assignment.ended_by) == (None, None)
    assert AuditEvent.objects.filter(kind="user.role_restored", actor=world.users["town_admin"]).count() == 1
    assert User.objects.get(pk=cadre.pk).can_view(world.village)
    assert RoleAssignment.objects.filter(user=cadre).count() == 1


def test_granting_an_ended_role_again_restores_the_same_assignment(world):
    admin = world.users["town_admin"]
    cadre = world.users["village_cadre"]
    ended = user_services.assignment_end(acting_user=admin, assignment=cadre.role_assignments.get())

    again = user_services.assignment_add(
        acting_user=admin, user=cadre, role=Role.VILLAGE_CADRE, org=world.village
    )

    assert again.pk == ended.pk and again.ended_at is None


def test_a_role_at_a_deleted_unit_is_not_restored(world):
    admin = world.users["town_admin"]
    assignment = world.users["village_cadre"].role_assignments.get()
    user_services.assignment_end(acting_user=admin, assignment=assignment)
    OrgUnit.objects.filter(pk=world.village.pk).update(deleted_at="2024-01-01T00:00Z")

    with pytest.raises(ValidationError, match="已删除"):
        user_services.assignment_restore(acting_user=admin, assignment=assignment)


def test_a_town_administrator_cannot_end_their_own_role(world):
    admin = world.users["town_admin"]
    with pytest.raises(PermissionDenied):
        user_services.assignment_end(acting_user=admin, assignment=admin.role_assignments.get())
    assert admin.role_assignments.get().ended_at is None
