"""Log-in through the real form: Chinese errors, throttling per user name and address, session expiry."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


def _attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, times: int, username: str = "village_cadre", address: str = "10.0.0.1") -> None:
    for _ in range(times):
        _attempt(client, username, "wrong-password-123", address)


def test_the_login_page_is_chinese(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "登录乡治" in html and "用户名" in html and "密码" in html


def test_correct_password_logs_in(client, world):
    response = _attempt(client, "village_cadre", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("home")).wsgi_request.user == world.users["village_cadre"]


def test_wrong_password_gives_a_chinese_message(client, world):
    response = _attempt(client, "village_cadre", "wrong-password-123")
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码" in response.content.decode()


def test_too_many_failures_lock_the_user_at_that_address(client, world):
    limit = settings.AXES_FAILURE_LIMIT
    _fail(client, limit - 1)
    assert _attempt(client, "village_cadre", "wrong-password-123").status_code == 429
    locked = _attempt(client, "village_cadre", PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "账户已暂时锁定" in html
    assert "15 分钟" in html
    assert not locked.wsgi_request.user.is_authenticated


def test_the_lock_holds_for_that_user_and_address_only(client, world):
    _fail(client, settings.AXES_FAILURE_LIMIT)
    assert _attempt(client, "village_cadre", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert _attempt(client, "town_admin", PASSWORD, address="10.0.0.1").status_code == 302


def test_failures_below_the_limit_are_forgotten_after_a_success(client, world):
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert _attempt(client, "village_cadre", PASSWORD).status_code == 302
    client.logout()
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert _attempt(client, "village_cadre", PASSWORD).status_code == 302


def test_sessions_expire(client, world):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    _attempt(client, "village_cadre", PASSWORD)
    assert client.session.get_expire_at_browser_close()


def test_pages_need_a_login(client):
    response = client.get(reverse("org-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_is_post_only_and_ends_the_session(client, world):
    _attempt(client, "village_cadre", PASSWORD)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302
