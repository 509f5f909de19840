"""Balances and the ranking of a village, from aggregate queries whatever the number of people."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.events.support import count_queries
from tests.points.factories import make_point_entry, make_redemption
from xiangzhi.points.models import PointEntry, Redemption
from xiangzhi.points.selectors import village_balances, villages_overview

pytestmark = pytest.mark.django_db


def test_the_ranking_orders_by_points_earned_and_ties_share_a_rank(world):
    make_point_entry(world.village, person_name="甲", points=10)
    make_point_entry(world.village, person_name="乙", points=12)
    make_point_entry(world.village, person_name="乙", points=-2)
    make_point_entry(world.village, person_name="丙", points=20)
    make_point_entry(world.village2, person_name="甲", points=99)
    make_redemption(world.village, person_name="丙", points_spent=15)

    people = village_balances(world.village, world.users["town_admin"])

    assert [(p.rank, p.name, p.earned, p.spent, p.balance) for p in people] == [
        (1, "丙", 20, 15, 5),
        (2, "乙", 10, 0, 10),
        (2, "甲", 10, 0, 10),
    ]


def test_a_persons_identity_is_the_one_of_their_latest_entry(world):
    make_point_entry(world.village, person_name="甲", identity="群众", entry_date=dt.date(2023, 1, 1))
    make_point_entry(world.village, person_name="甲", identity="党员", entry_date=dt.date(2023, 9, 1))
    make_point_entry(world.village, person_name="甲", identity="群众", entry_date=dt.date(2023, 3, 1))

    (person,) = village_balances(world.village, world.users["town_admin"])

    assert (person.identity, person.entries, person.earned) == ("党员", 3, 15)


def test_balances_are_only_what_the_reader_may_see(world):
    make_point_entry(world.village, points=10)

    assert village_balances(world.village, world.users["outsider"]) == []


def test_the_overview_sums_each_village(world):
    make_point_entry(world.village, person_name="甲", points=10)
    make_point_entry(world.village, person_name="乙", points=5)
    make_redemption(world.village, person_name="甲", points_spent=4)

    rows = {row.village.name: row for row in villages_overview(world.town, world.users["town_admin"])}

    assert (rows["桥湾村"].people, rows["桥湾村"].entries, rows["桥湾村"].earned, rows["桥湾村"].spent) == (
        2,
        2,
        15,
        4,
    )
    assert rows["村1"].entries == 0


def _bulk(world, n: int, start: int = 0) -> None:
    PointEntry.objects.bulk_create(
        PointEntry(
            record_no=f"B{start + i:06d}",
            person_name=f"村民{(start + i) % 97}",
            identity="群众",
            entry_date=dt.date(2023, 5, 1),
            item="志愿服务",
            points=(i % 7) - 2,
            org=world.village,
            town=world.town,
        )
        for i in range(n)
    )
    Redemption.objects.bulk_create(
        Redemption(
            person_name=f"村民{i % 97}",
            redeemed_on=dt.date(2023, 6, 1),
            item="毛巾",
            points_spent=1,
            org=world.village,
            town=world.town,
        )
        for i in range(n // 10)
    )


@pytest.mark.parametrize(
    "url_name",
    ["points-home", "points-village", "ledger-list"],
)
def test_the_pages_query_count_does_not_grow_with_records(
    world, client_for, django_assert_num_queries, url_name
):
    client = client_for("town_admin")
    url = {
        "points-home": reverse("points-home"),
        "points-village": reverse("points-village", args=[world.village.pk]),
        "ledger-list": reverse("ledger-list", args=["points"]),
    }[url_name]
    _bulk(world, 10)
    baseline = count_queries(client, url)

    _bulk(world, 490, start=10)
    with django_assert_num_queries(baseline):
        client.get(url)
