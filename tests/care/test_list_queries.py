"""The care list pages and the monthly visit page cost the same number of queries at 10 and at 500
records (no query per row: village and grid names, households of visits… come in bulk)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.care import support

pytestmark = pytest.mark.django_db


def _grow(world, ledger: str, count: int) -> None:
    """``count`` records of ``ledger`` spread over the grids and villages of the town."""
    places = [world.grid, world.village, world.grid2]
    for index in range(count):
        org = places[index % len(places)]
        if ledger == "matters":
            support.matters(org, 1)
            continue
        households = support.households(org, 1, helper=f"帮扶人{index % 7}")
        if ledger == "members":
            support.members(households)
        elif ledger == "visits":
            support.visits(households, dt.date(2023, 7, 14))
        elif ledger == "problems":
            support.problems(households)


def _count(client, url: str) -> int:
    client.get(url)  # warm the session and per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


URLS = {
    "households": reverse("ledger-list", args=["households"]),
    "members": reverse("ledger-list", args=["members"]),
    "visits": reverse("ledger-list", args=["visits"]),
    "problems": reverse("ledger-list", args=["problems"]),
    "matters": reverse("ledger-list", args=["matters"]),
}


@pytest.mark.parametrize("ledger", list(URLS))
@pytest.mark.parametrize("persona", ["town_admin", "village_cadre"])
def test_a_care_list_costs_the_same_at_10_and_500_records(
    client_for, world, django_assert_num_queries, ledger, persona
):
    client = client_for(persona)
    _grow(world, ledger, 10)
    small = _count(client, URLS[ledger])

    _grow(world, ledger, 490)

    with django_assert_num_queries(small):
        response = client.get(URLS[ledger] + "?page=2")
    assert response.status_code == 200


def test_a_filtered_household_list_costs_the_same_at_10_and_500(client_for, world, django_assert_num_queries):
    client = client_for("town_admin")
    url = URLS["households"] + "?category=低保户&in_register=yes&helper=帮扶人&q=户主"
    _grow(world, "households", 10)
    small = _count(client, url)

    _grow(world, "households", 490)

    with django_assert_num_queries(small):
        client.get(url)


def test_the_monthly_visit_page_costs_the_same_at_10_and_500_households(
    client_for, world, django_assert_num_queries
):
    client = client_for("town_admin")
    url = reverse("care-monthly-visits")
    _grow(world, "visits", 5)
    support.visits(support.households(world.grid, 5), timezone.localdate())
    small = _count(client, url)

    _grow(world, "visits", 245)
    support.visits(support.households(world.village, 245), timezone.localdate())

    with django_assert_num_queries(small):
        client.get(url)


def test_a_household_page_costs_the_same_with_1_and_24_visits(client_for, world, django_assert_num_queries):
    client = client_for("town_admin")
    household = support.households(world.grid, 1)[0]
    url = reverse("ledger-detail", args=["households", household.pk])
    support.visits([household], dt.date(2023, 1, 1))
    support.members([household])
    support.problems([household])
    small = _count(client, url)

    for day in range(2, 25):
        support.visits([household], dt.date(2023, 1, day))
    support.members([household] * 5)
    support.problems([household] * 5)

    with django_assert_num_queries(small):
        client.get(url)
