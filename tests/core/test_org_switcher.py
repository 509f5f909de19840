"""A town user switches between the town and its villages; a county user between its towns."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_household

pytestmark = pytest.mark.django_db


def _choices(client) -> list[str]:
    html = client.get(reverse("home")).content.decode()
    select = re.search(r'<select name="org".*?</select>', html, re.S)
    if select is None:
        return []
    return [
        name.replace("\u3000", "") for name in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))
    ]


def _switch(client, org, next_url: str = "/"):
    return client.post(reverse("org-switch"), {"org": org.pk, "next": next_url})


def test_town_user_chooses_between_the_town_and_its_villages(client, world):
    client.force_login(world.users["town_admin"])
    assert _choices(client) == ["宁郭镇", "桥湾村", "村1"]


def test_county_user_chooses_between_the_county_and_its_towns(client, world):
    client.force_login(world.users["county_reviewer"])
    assert _choices(client) == ["山阳区", "宁郭镇", "外镇"]


def test_village_and_grid_users_have_nothing_to_switch(client, world):
    for persona in ("village_cadre", "grid_worker"):
        client.force_login(world.users[persona])
        assert _choices(client) == []


def test_switching_to_a_village_narrows_every_page_to_it(client, world):
    mine = make_household(world.grid)
    other = make_household(world.grid2)
    client.force_login(world.users["town_admin"])
    response = _switch(client, world.village, reverse("org-list"))
    assert response.status_code == 302
    assert response.url == reverse("org-list")
    assert "<h1>桥湾村" in client.get(reverse("home")).content.decode()
    listing = client.get(reverse("ledger-list", kwargs={"ledger": "households"})).content.decode()
    assert mine.household_no in listing
    assert other.household_no not in listing
    selected = re.search(r"<option value=\"(\d+)\" selected>", client.get("/").content.decode())
    assert int(selected.group(1)) == world.village.pk


def test_switching_back_to_the_town_shows_the_whole_town_again(client, world):
    other = make_household(world.grid2)
    client.force_login(world.users["town_admin"])
    _switch(client, world.village)
    _switch(client, world.town)
    listing = client.get(reverse("ledger-list", kwargs={"ledger": "households"})).content.decode()
    assert other.household_no in listing


def test_county_user_switches_to_a_town(client, world):
    client.force_login(world.users["county_reviewer"])
    _switch(client, world.other_town)
    assert "<h1>外镇" in client.get(reverse("home")).content.decode()


def test_switching_outside_ones_subtree_is_not_found(client, world):
    client.force_login(world.users["town_admin"])
    assert _switch(client, world.other_town).status_code == 404
    assert "<h1>宁郭镇" in client.get(reverse("home")).content.decode()


def test_switching_never_redirects_to_another_site(client, world):
    client.force_login(world.users["town_admin"])
    response = _switch(client, world.village, "https://evil.example/")
    assert response.url == reverse("home")


def test_a_unit_deleted_after_switching_falls_back_to_the_assignment(client, world):
    client.force_login(world.users["town_admin"])
    _switch(client, world.village2)
    client.post(reverse("org-delete", kwargs={"pk": world.grid2.pk}))
    client.post(reverse("org-delete", kwargs={"pk": world.village2.pk}))
    assert "<h1>宁郭镇" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "next_url",
    ["abc", "2023-13-45", "home", "org-list", "//evil.example/", "https://evil.example/", "/nowhere/", ""],
)
def test_a_next_that_is_not_a_page_of_the_site_goes_home(client, world, next_url):
    client.force_login(world.users["town_admin"])
    response = _switch(client, world.village, next_url)
    assert (response.status_code, response.url) == (302, "/")


def test_a_next_that_is_a_page_of_the_site_keeps_its_query(client, world):
    client.force_login(world.users["town_admin"])
    response = _switch(client, world.village, "/orgs/?q=桥")
    assert (response.status_code, response.url) == (302, "/orgs/?q=%E6%A1%A5")
