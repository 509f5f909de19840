"""A star standard upload that is not a standard at all gets a Chinese answer, never a 500."""

import io

import pytest
from django.urls import reverse

from xiangzhi.stars.models import StarStandard

pytestmark = pytest.mark.django_db


def _upload(client, world, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "标准.json"
    return client.post(reverse("stars-standard-upload"), {"org": world.town.pk, "file": upload})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000, "嵌套层数过多"),
        (b'{"year": ' + b"9" * 5000 + b"}", "数值过大"),
        (b'{"year": 2023, "stars": [{"tasks": [[[[[[[[1]]]]]]]]}]}', "嵌套层数过多"),
        (b'{"year": 1e999999, "stars": []}', "数值过大"),
        (b'{"year": NaN}', "不是有效的数值"),
        ('{"year": 2023, "stars": [{"star": "产业兴旺星", "tasks": 5}]}'.encode(), "应为一个列表"),
    ],
)
def test_an_odd_json_upload_is_refused_with_a_reason(world, client_for, content, message):
    response = _upload(client_for("town_admin"), world, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StarStandard.objects.exists()
