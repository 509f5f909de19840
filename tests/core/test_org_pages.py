"""The home page and the org list show the user's own part of the tree, with live figures."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _org_rows(client, query: str = "") -> dict[str, tuple[str, str, str]]:
    """Org list rows as name → (level, code, live children)."""
    html = client.get(reverse("org-list") + query).content.decode()
    rows = re.findall(
        r'<a href="/orgs/\d+/">([^<]+)</a></td>\s*<td>([^<]+)</td><td>([^<]+)</td><td class="num">(\d+)</td>',
        html,
    )
    return {name: (level, code, children) for name, level, code, children in rows}


def test_org_list_shows_level_code_and_live_children(client, world):
    client.force_login(world.users["town_admin"])
    rows = _org_rows(client)
    assert rows["宁郭镇"] == ("乡镇", "410811101", "2")
    assert rows["桥湾村"] == ("村", world.village.code, "1")
    assert rows[world.grid.name] == ("网格", world.grid.code, "0")
    assert "外镇" not in rows and "山阳区" not in rows


def test_deleted_children_are_not_counted(client, world):
    client.force_login(world.users["town_admin"])
    client.post(reverse("org-delete", kwargs={"pk": world.grid.pk}))
    rows = _org_rows(client)
    assert rows["桥湾村"][2] == "0"
    assert world.grid.name not in rows


def test_org_list_search_by_name_or_code_prefix(client, world):
    client.force_login(world.users["town_admin"])
    assert set(_org_rows(client, "?q=桥湾")) == {"桥湾村"}
    assert set(_org_rows(client, f"?q={world.village2.code}")) == {"村1", world.grid2.name}


def test_org_list_indents_relative_to_the_current_unit(client, world):
    client.force_login(world.users["county_reviewer"])
    html = client.get(reverse("org-list")).content.decode()
    assert f'<td style="padding-left: 0em"><a href="/orgs/{world.county.pk}/">山阳区</a>' in html
    assert f'<td style="padding-left: 1em"><a href="/orgs/{world.town.pk}/">宁郭镇</a>' in html


def test_home_page_counts_units_below_the_current_one(client, world):
    client.force_login(world.users["town_admin"])
    html = client.get(reverse("home")).content.decode()
    assert re.search(r'<div class="stat-value">2</div><div class="stat-label">村</div>', html)
    assert re.search(r'<div class="stat-value">2</div><div class="stat-label">网格</div>', html)
    assert "下级单位" in html and "桥湾村" in html


def test_home_page_links_only_the_modules_the_user_may_use(client, world):
    client.force_login(world.users["grid_worker"])
    html = client.get(reverse("home")).content.decode()
    assert reverse("org-list") in html
    assert reverse("user-list") not in html and reverse("trash") not in html
    client.force_login(world.users["town_admin"])
    html = client.get(reverse("home")).content.decode()
    assert reverse("user-list") in html and reverse("trash") in html


def test_a_user_without_assignment_is_told_whom_to_ask(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x" * 16)
    client.force_login(user)
    assert "请联系镇管理员" in client.get(reverse("home")).content.decode()


def test_pages_load_with_no_external_url(client, world):
    """Everything the page needs is served by the app itself (no CDN, works offline)."""
    client.force_login(world.users["town_admin"])
    for url in (reverse("home"), reverse("org-list"), reverse("user-list"), reverse("trash")):
        html = client.get(url).content.decode()
        assert not re.findall(r"https?://", html), url
