"""The 平安建设 home: per-village figures, counted by aggregate queries within the user's scope."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.security.factories import make_camera, make_dispute, make_patrol
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.security.models import CameraStatus, DisputeStatus
from xiangzhi.security.selectors import security_overview

pytestmark = pytest.mark.django_db


def _populate(world):
    make_camera(world.grid)
    make_camera(world.grid, status=CameraStatus.FAULTY)
    make_camera(world.grid, status=CameraStatus.REMOVED)
    make_camera(world.grid2)
    make_patrol(world.grid, members_count=8)
    make_patrol(world.grid, members_count=6)
    make_patrol(world.grid2, members_count=10)
    make_dispute(world.grid)
    make_dispute(world.grid, status=DisputeStatus.RESOLVED, resolved_on=dt.date(2023, 5, 1))
    make_dispute(world.grid2, status=DisputeStatus.ESCALATED)
    make_camera(world.other_grid)  # another town: never counted here


def test_town_admin_sees_every_village_and_the_total(world):
    _populate(world)

    rows, total = security_overview(world.users["town_admin"], world.town)

    by_name = {row.name: row.figures for row in rows}
    assert by_name["桥湾村"] == {
        "cameras": 2,
        "faulty": 1,
        "teams": 2,
        "members": 14,
        "disputes_open": 1,
        "disputes_resolved": 1,
        "disputes_escalated": 0,
    }
    assert total.figures == {
        "cameras": 3,
        "faulty": 1,
        "teams": 3,
        "members": 24,
        "disputes_open": 1,
        "disputes_resolved": 1,
        "disputes_escalated": 1,
    }


def test_village_cadre_sees_only_their_village(world):
    _populate(world)

    rows, total = security_overview(world.users["village_cadre"], world.village)

    assert [row.name for row in rows] == ["桥湾村"]
    assert total.figures["cameras"] == 2


def test_home_page_shows_the_figures(world, client_for):
    _populate(world)

    page = client_for("town_admin").get(reverse("security-home")).content.decode()

    assert "平安建设" in page and "桥湾村" in page and "监控点位" in page


def test_home_page_query_count_does_not_grow_with_villages(world, client_for):
    client = client_for("town_admin")
    _populate(world)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("security-home"))
    for index in range(10):
        village = OrgUnit.objects.add_child(
            world.town, {"code": f"41081110130{index}", "name": f"新村{index}", "level": OrgLevel.VILLAGE}
        )
        make_camera(village)
        make_patrol(village)
        make_dispute(village)
    world.town.refresh_from_db()

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("security-home"))

    assert response.content.decode().count("<td>新村") == 10
    assert len(many) == len(few)
    assert OrgUnit.objects.filter(level=OrgLevel.VILLAGE).count() == 13
