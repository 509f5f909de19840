"""The list pages of the 人居环境 ledgers cost the same number of queries at 10 and 500 records."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xiangzhi.environment.models import Cleanup, Courtyard

pytestmark = pytest.mark.django_db

BUILDERS = {
    "courtyards": lambda n: Courtyard(
        courtyard_no=f"B{n:05d}", owner_name="户主", year=2023, rating="五美庭院"
    ),
    "cleanups": lambda n: Cleanup(
        record_no=f"B{n:05d}", cleaned_on=dt.date(2023, 1, 1), kind="建筑垃圾", volume_m3=Decimal("1.5")
    ),
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
