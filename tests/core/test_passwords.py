"""Users change their own password; an administrator resets a forgotten one and lifts a lock."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.world import PASSWORD
from xiangzhi.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW = "a-new-long-passphrase-77"


def _log_in(client, username: str, password: str, address: str = "10.0.0.9"):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_user_changes_their_own_password(client, world):
    _log_in(client, "grid_worker", PASSWORD)
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    response = client.post(reverse("password-change"), data, follow=True)
    assert "密码已修改" in response.content.decode()
    assert response.wsgi_request.user.is_authenticated  # the session survives the change
    assert _log_in(client, "grid_worker", NEW).status_code == 302
    assert AuditEvent.objects.filter(kind="user.password_changed", actor=world.users["grid_worker"]).exists()


def test_the_password_change_page_is_chinese_and_applies_the_policy(client, world):
    _log_in(client, "grid_worker", PASSWORD)
    page = client.get(reverse("password-change")).content.decode()
    assert "修改密码" in page and "旧密码" in page
    assert "密码至少需要 12 个字符。" in page
    data = {"old_password": PASSWORD, "new_password1": "short-one", "new_password2": "short-one"}
    response = client.post(reverse("password-change"), data)
    assert "密码太短：至少需要 12 个字符。" in response.content.decode()


def test_a_wrong_old_password_changes_nothing(client, world):
    _log_in(client, "grid_worker", PASSWORD)
    data = {"old_password": "not-my-password", "new_password1": NEW, "new_password2": NEW}
    response = client.post(reverse("password-change"), data)
    assert response.status_code == 200
    assert "旧密码不正确" in response.content.decode()
    assert _log_in(client, "grid_worker", PASSWORD).status_code == 302


def test_wrong_old_passwords_lock_the_password_change_like_the_log_in(client, world):
    _log_in(client, "grid_worker", PASSWORD, address="10.0.0.9")
    url = reverse("password-change")
    wrong = {"old_password": "not-my-password", "new_password1": NEW, "new_password2": NEW}
    right = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    for _ in range(4):
        assert "旧密码不正确" in client.post(url, wrong, REMOTE_ADDR="10.0.0.9").content.decode()

    fifth = client.post(url, wrong, REMOTE_ADDR="10.0.0.9")
    locked = client.post(url, right, REMOTE_ADDR="10.0.0.9")

    assert (fifth.status_code, locked.status_code) == (429, 429)
    html = locked.content.decode()
    assert "登录或修改密码时密码错误次数过多，账户已暂时锁定，请 15 分钟后再试或联系管理员。" in html
    world.users["grid_worker"].refresh_from_db()
    assert world.users["grid_worker"].check_password(PASSWORD)
    assert not AuditEvent.objects.filter(kind="user.password_changed").exists()
    assert _log_in(client, "grid_worker", PASSWORD, address="10.0.0.9").status_code == 429  # one lock
    assert _log_in(client, "grid_worker", PASSWORD, address="10.0.0.8").status_code == 302


def _reset(client, user, password: str, again: str | None = None):
    url = reverse("user-detail", kwargs={"pk": user.pk})
    return client.post(url, {"action": "password", "password": password, "password_again": again or password})


def test_town_admin_resets_a_forgotten_password_and_lifts_the_lock(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "village_cadre", "wrong-password-123")
    assert _log_in(client, "village_cadre", PASSWORD).status_code == 429
    client.force_login(world.users["town_admin"])
    response = _reset(client, world.users["village_cadre"], NEW)
    assert response.status_code == 302
    assert _log_in(client, "village_cadre", NEW).status_code == 302
    event = AuditEvent.objects.get(kind="user.password_reset")
    assert (event.actor, event.object_id) == (world.users["town_admin"], str(world.users["village_cadre"].pk))


def test_a_reset_password_follows_the_policy(client, world):
    client.force_login(world.users["town_admin"])
    response = _reset(client, world.users["village_cadre"], "password1234")
    assert response.status_code == 200
    assert "这个密码太常见了。" in response.context["password_form"].errors["password"]
    assert _log_in(client, "village_cadre", PASSWORD).status_code == 302


def test_the_two_entries_of_a_reset_must_match(client, world):
    client.force_login(world.users["town_admin"])
    response = _reset(client, world.users["village_cadre"], NEW, NEW + "x")
    assert response.context["password_form"].errors["password_again"] == ["两次输入的密码不一致"]


def test_a_village_cadre_cannot_reset_passwords(client, world):
    client.force_login(world.users["village_cadre"])
    assert _reset(client, world.users["grid_worker"], NEW).status_code == 403


def test_an_admin_cannot_reset_the_password_of_another_towns_user(client, world):
    client.force_login(world.users["town_admin"])
    assert _reset(client, world.users["outsider"], NEW).status_code == 404
