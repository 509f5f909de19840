"""The list pages of the 平安建设 ledgers cost the same number of queries at 10 and 500 records."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xiangzhi.security.models import Camera, Dispute, PatrolTeam

pytestmark = pytest.mark.django_db

BUILDERS = {
    "cameras": lambda n: Camera(camera_no=f"B{n:05d}", location="路口"),
    "patrols": lambda n: PatrolTeam(team_no=f"B{n:05d}", name="巡逻队", members_count=5),
    "disputes": lambda n: Dispute(dispute_no=f"B{n:05d}", registered_on=dt.date(2023, 1, 1), summary="纠纷"),
}


def _add(ledger, world, start, count):
    records = [BUILDERS[ledger](n) for n in range(start, start + count)]
    for index, record in enumerate(records):
        record.org = world.village if index % 2 else world.village2
        record.town = world.town
    type(records[0]).objects.bulk_create(records)


@pytest.mark.parametrize("ledger", sorted(BUILDERS))
def test_list_query_count_is_constant(world, client_for, django_assert_num_queries, ledger):
    client = client_for("town_admin")
    url = reverse("ledger-list", args=[ledger])
    _add(ledger, world, 0, 10)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _add(ledger, world, 10, 490)

    with django_assert_num_queries(len(small)):
        response = client.get(url)

    assert "共 500 条" in response.content.decode()
