"""List pages cost the same number of queries for 3 records as for a full page of them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.safety.factories import make_hazard, make_inspection, make_premises

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 55  # 55 fills the 50-row page
LATE = dt.date(2023, 7, 20)  # long past: every open hazard here is overdue


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(make, org, n):
    for _ in range(n):
        make(org)


def _hazard(org):
    make_hazard(org, grade="重大", deadline=LATE)


def _detail_with(make_parent, make_child):
    """A parent record and a function adding n children to it (inspections of a premises …)."""

    def build(world):
        parent = make_parent(world.grid)
        return parent, lambda n: _grow(lambda org: make_child(org, parent), world.grid, n)

    return build


@pytest.mark.parametrize(
    ("url", "make"),
    [
        (reverse("ledger-list", args=["premises"]), make_premises),
        (reverse("ledger-list", args=["inspections"]), make_inspection),
        (reverse("ledger-list", args=["hazards"]), _hazard),
        (reverse("ledger-list", args=["hazards"]) + "?supervised=yes&overdue=yes", _hazard),
        (reverse("safety-hazards-overdue"), _hazard),
        (reverse("safety-home") + "?year=2023", _hazard),
    ],
)
def test_list_query_count_is_constant(world, client_for, django_assert_num_queries, url, make):
    client = client_for("village_cadre")
    _grow(make, world.grid, SMALL)
    baseline = _queries(client, url)

    _grow(make, world.grid, LARGE - SMALL)

    with django_assert_num_queries(baseline):
        client.get(url)


@pytest.mark.parametrize(
    ("ledger", "build"),
    [
        ("premises", _detail_with(make_premises, lambda org, p: make_inspection(org, premises=p))),
        ("inspections", _detail_with(make_inspection, lambda org, i: make_hazard(org, inspection=i))),
    ],
)
def test_detail_query_count_is_constant(world, client_for, django_assert_num_queries, ledger, build):
    client = client_for("village_cadre")
    parent, add_children = build(world)
    add_children(SMALL)
    url = reverse("ledger-detail", args=[ledger, parent.pk])
    baseline = _queries(client, url)

    add_children(LARGE - SMALL)

    with django_assert_num_queries(baseline):
        client.get(url)
