"""A NUL character in any parameter is refused in Chinese (PostgreSQL cannot store or compare it)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "url", "data", "name"),
    [
        ("get", "/orgs/", {"q": "桥\x00湾"}, "q"),
        ("get", "/ledgers/households/", {"q": "\x00"}, "q"),
        ("post", "/org/switch/", {"org": "1", "next": "/\x00"}, "next"),
    ],
)
def test_a_nul_in_a_parameter_is_a_400_naming_it(client_for, world, method, url, data, name):
    response = getattr(client_for("town_admin"), method)(url, data)
    assert response.status_code == 400
    assert response.content.decode() == f"参数「{name}」不能含有空字符（\\0），无法处理。"
