"""A NUL character in any parameter is refused in Chinese (PostgreSQL cannot store or compare it)."""

from urllib.parse import urlencode

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
    client = client_for("town_admin")
    if method == "get":
        response = client.get(url, data)
    else:  # a form posted as browsers post forms without a file
        response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.content.decode() == f"参数「{name}」不能含有空字符（\\0），无法处理。"


def test_a_file_upload_is_left_to_its_view_which_keeps_it_in_memory(client_for, world):
    """The body of an upload is not read before its view (which sets where the file goes); a NUL
    in its other fields meets the view's form, which refuses it without a system error."""
    page = client_for("town_admin").post("/org/switch/", {"org": str(world.town.pk), "next": "/\x00"})
    assert (page.status_code, page["Location"]) == (302, "/")
