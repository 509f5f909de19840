"""The cycle demo: the example standard for the demo town and villages part-way through 2023."""

import pytest
from django.urls import reverse

from xiangzhi.core.models import User
from xiangzhi.demo import stars as demo_star_ledgers
from xiangzhi.demo.common import Place
from xiangzhi.demo.orgs import build_org_tree
from xiangzhi.demo.users import create_demo_users
from xiangzhi.stars.choices import ApplicationStatus as S
from xiangzhi.stars.demo import load_cycle_demo
from xiangzhi.stars.models import StarApplication

pytestmark = pytest.mark.django_db


def test_the_demo_town_has_villages_part_way_through_the_cycle(client):
    town = build_org_tree()
    create_demo_users()
    demo_star_ledgers.load(Place.of(town))
    admin = User.objects.get(username="town")
    standard = load_cycle_demo(town, admin)
    assert standard.is_example and standard.org == town
    statuses = dict(StarApplication.objects.values_list("org__name", "status").filter(star="平安法治星"))
    assert statuses == {"宁郭村": S.RETURNED}
    assert StarApplication.objects.count() == 5
    assert all(a.snapshot for a in StarApplication.objects.all())
    client.force_login(admin)
    page = client.get(reverse("stars-town", args=[town.pk]), {"year": 2023}).content.decode()
    assert "县审核通过" in page and "67%" in page
