"""The household list: each role sees its own part of the town; filters, search and pages."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.care import support
from xiangzhi.care.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(world):
    support.households(world.grid, 2, helper="王帮扶", categories=["低保户"])
    support.households(world.village, 1, helper="李帮扶", categories=["独居老人", "残疾人家庭"])
    support.households(world.grid2, 1, helper="王帮扶", exited_on=dt.date(2023, 6, 1), exit_reason="迁出")
    support.households(world.other_grid, 1)
    return world


def _numbers(client, **query) -> list[str]:
    response = client.get(reverse("ledger-list", args=["households"]), query)
    assert response.status_code == 200
    return [row[0].value for row in response.context["table"]["rows"]]


def _at(world, *orgs) -> list[str]:
    return sorted(Household.objects.filter(org__in=orgs).values_list("household_no", flat=True))


@pytest.mark.parametrize(
    ("persona", "places"),
    [
        ("grid_worker", ["grid"]),
        ("village_cadre", ["grid", "village"]),
        ("town_admin", ["grid", "village", "grid2"]),
        ("leader", ["grid", "village", "grid2", "other_grid"]),
        ("outsider", ["other_grid"]),
    ],
)
def test_each_role_sees_the_households_of_its_own_units(client_for, town, persona, places):
    client = client_for(persona)

    assert sorted(_numbers(client)) == _at(town, *(town.orgs[p] for p in places))


def test_a_grid_worker_cannot_open_a_household_of_another_grid(client_for, town):
    elsewhere = Household.objects.get(org=town.grid2)

    response = client_for("grid_worker").get(reverse("ledger-detail", args=["households", elsewhere.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ({"village": "village2"}, ["grid2"]),
        ({"grid": "村0网格"}, ["grid"]),
        ({"category": "残疾人家庭"}, ["village"]),
        ({"helper": "王"}, ["grid", "grid2"]),
        ({"in_register": "no"}, ["grid2"]),
        ({"in_register": "yes"}, ["grid", "village"]),
    ],
)
def test_the_list_filters(client_for, town, query, places):
    if "village" in query:
        query = {"village": town.orgs[query["village"]].pk}

    assert sorted(_numbers(client_for("town_admin"), **query)) == _at(town, *(town.orgs[p] for p in places))


def test_the_list_searches_name_number_and_last_four_digits(client_for, town):
    target = Household.objects.filter(org=town.village).get()
    client = client_for("town_admin")

    assert _numbers(client, q=target.head_name) == [target.household_no]
    assert _numbers(client, q=target.household_no) == [target.household_no]
    assert _numbers(client, q=target.head_id_number[-4:]) == [target.household_no]


def test_the_list_pages_by_fifty(client_for, world):
    support.households(world.grid, 120)
    client = client_for("town_admin")

    assert [len(_numbers(client, page=n)) for n in (1, 2, 3)] == [50, 50, 20]
