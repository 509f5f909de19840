"""The home page, the org list and the org switcher cost the same number of queries at any tree size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.world import build_world
from xiangzhi.core.models import OrgLevel, OrgUnit

pytestmark = pytest.mark.django_db


def _add_villages(world, start: int, stop: int) -> None:
    """Villages ``start``..``stop`` (two grids each) under the town, beside the world's own two."""
    town = world.town
    for index in range(start, stop):
        town.refresh_from_db(fields=["numchild"])
        code = f"T{index:04d}"
        village = OrgUnit.objects.add_child(
            town, dict(code=code, name=f"新村{index}", level=OrgLevel.VILLAGE)
        )
        for grid in (1, 2):
            village.refresh_from_db(fields=["numchild"])
            OrgUnit.objects.add_child(
                village, dict(code=f"{code}G{grid}", name=f"新村{index}网格{grid}", level=OrgLevel.GRID)
            )


def _queries(client, url: str) -> int:
    client.get(url)  # warm the session and any per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _villages(world) -> int:
    return OrgUnit.objects.filter(level=OrgLevel.VILLAGE, path__startswith=world.town.path).count()


@pytest.mark.parametrize("persona", ["town_admin", "county_reviewer", "grid_worker"])
def test_home_and_org_list_queries_are_the_same_at_10_and_200_villages(client, persona):
    world = build_world()
    client.force_login(world.users[persona])
    urls = [reverse("home"), reverse("org-list")]
    _add_villages(world, 0, 8)
    assert _villages(world) == 10
    small = [_queries(client, url) for url in urls]
    _add_villages(world, 8, 198)
    assert _villages(world) == 200
    large = [_queries(client, url) for url in urls]
    assert small == large


def test_second_page_of_the_org_list_costs_the_same_as_the_first(client):
    world = build_world()
    client.force_login(world.users["town_admin"])
    _add_villages(world, 0, 60)
    first = _queries(client, reverse("org-list"))
    second = _queries(client, reverse("org-list") + "?page=2")
    assert first == second


def test_the_org_switcher_is_rendered_with_every_choice(client):
    """The query counts above include the switcher: make sure it was really on the page."""
    world = build_world()
    client.force_login(world.users["town_admin"])
    _add_villages(world, 0, 8)
    html = client.get(reverse("home")).content.decode()
    assert 'name="org"' in html
    assert html.count("<option") == 1 + 10
