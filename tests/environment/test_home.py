"""The 人居环境 home: courtyards by rating and clean-up m³ by type for the chosen year."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.environment.factories import make_cleanup, make_courtyard
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.environment.models import CleanupKind, CourtyardRating
from xiangzhi.environment.selectors import default_year, environment_overview

pytestmark = pytest.mark.django_db


def _populate(world):
    make_courtyard(world.grid, year=2023)
    make_courtyard(world.grid, year=2023)
    make_courtyard(world.grid, year=2023, rating=CourtyardRating.NOT_MET)
    make_courtyard(world.grid, year=2022)
    make_courtyard(world.grid2, year=2023, rating=CourtyardRating.BEAUTIFUL)
    make_cleanup(world.grid, volume_m3=Decimal("100.5"))
    make_cleanup(world.grid2, volume_m3=Decimal("200"))
    make_cleanup(world.grid, kind=CleanupKind.HOUSEHOLD, volume_m3=Decimal("30"))
    make_cleanup(world.grid, cleaned_on=dt.date(2022, 12, 31), volume_m3=Decimal("999"))
    make_courtyard(world.other_grid, year=2023)  # another town


def test_town_admin_sees_the_year_by_village_and_in_total(world):
    _populate(world)

    overview = environment_overview(world.users["town_admin"], world.town, 2023)

    rows = {row.name: row for row in overview.rows}
    assert rows["桥湾村"].rating_counts() == [2, 0, 1]
    assert rows["村1"].rating_counts() == [0, 1, 0]
    assert overview.total.rating_counts() == [2, 1, 1]
    assert overview.total.kind_volumes() == ["300.5", "30", "0"]


def test_another_year_counts_only_that_year(world):
    _populate(world)

    overview = environment_overview(world.users["town_admin"], world.town, 2022)

    assert overview.total.rating_counts() == [1, 0, 0]
    assert overview.total.kind_volumes() == ["999", "0", "0"]


def test_the_default_year_is_the_latest_rated_one(world):
    _populate(world)

    assert default_year(world.users["village_cadre"], world.village) == 2023


def test_the_page_takes_a_year_and_ignores_nonsense(world, client_for):
    _populate(world)
    client = client_for("town_admin")

    chosen = client.get(reverse("environment-home"), {"year": "2022"}).content.decode()
    nonsense = client.get(reverse("environment-home"), {"year": "abc"})

    assert "2022年" in chosen and "999" in chosen
    assert nonsense.status_code == 200 and "2023年" in nonsense.content.decode()


def test_home_page_query_count_does_not_grow_with_villages(world, client_for):
    client = client_for("town_admin")
    _populate(world)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("environment-home"), {"year": "2023"})
    for index in range(10):
        village = OrgUnit.objects.add_child(
            world.town, {"code": f"41081110130{index}", "name": f"新村{index}", "level": OrgLevel.VILLAGE}
        )
        make_courtyard(village)
        make_cleanup(village)

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("environment-home"), {"year": "2023"})

    assert response.content.decode().count("<td>新村") == 20  # in both tables
    assert len(many) == len(few)
