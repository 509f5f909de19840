"""The projects list page costs the same number of queries at 10 and 500 records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xiangzhi.projects.models import Project

pytestmark = pytest.mark.django_db


def _add(world, start, count):
    records = [
        Project(project_no=f"B{n:05d}", name="村道", kind="村道大修") for n in range(start, start + count)
    ]
    for index, record in enumerate(records):
        # Village- and town-level projects alike: the 所属单位 column names both without a query.
        record.org = (world.village, world.village2, world.town)[index % 3]
        record.town = world.town
    Project.objects.bulk_create(records)


def test_list_query_count_is_constant(world, client_for, django_assert_num_queries):
    client = client_for("town_admin")
    url = reverse("ledger-list", args=["projects"])
    _add(world, 0, 10)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _add(world, 10, 490)

    with django_assert_num_queries(len(small)):
        response = client.get(url)

    assert "共 500 条" in response.content.decode()
