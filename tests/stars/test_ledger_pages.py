"""The star ledgers in the browser: check-box stars, a share typed as 67%, constant list queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.stars.factories import make_star_result
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

pytestmark = pytest.mark.django_db


def test_village_cadre_adds_a_plan_with_check_boxes(world, client_for):
    client = client_for("village_cadre")
    response = client.post(
        reverse("ledger-create", args=["star_plans"]),
        {"org": world.village.pk, "year": 2023, "stars": ["文明幸福星", "产业兴旺星"]},
    )
    assert response.status_code == 302
    plan = StarPlan.objects.get(org=world.village)
    assert (plan.stars, plan.level) == (["产业兴旺星", "文明幸福星"], 2)
    assert plan.history.get().history_user == world.users["village_cadre"]


def test_a_plan_without_stars_is_refused_in_the_form(world, client_for):
    client = client_for("village_cadre")
    response = client.post(
        reverse("ledger-create", args=["star_plans"]), {"org": world.village.pk, "year": 2023}
    )
    assert response.status_code == 200
    assert "计划创建星" in response.content.decode()
    assert not StarPlan.objects.exists()


def test_town_admin_types_the_share_as_a_percentage(world, client_for):
    client = client_for("town_admin")
    data = {"org": world.town.pk, "year": 2023, "five_star": 1, "four_star": 3, "three_plus_share": "67%"}
    assert client.post(reverse("ledger-create", args=["star_targets"]), data).status_code == 302
    target = StarTarget.objects.get()
    assert target.three_plus_share == Decimal("0.67")
    page = client.get(reverse("ledger-edit", args=["star_targets", target.pk])).content.decode()
    assert 'value="67%"' in page


def test_a_share_over_100_percent_is_refused_in_the_form(world, client_for):
    client = client_for("town_admin")
    data = {"org": world.town.pk, "year": 2023, "five_star": 1, "four_star": 3, "three_plus_share": "167%"}
    response = client.post(reverse("ledger-create", args=["star_targets"]), data)
    assert "百分比应在 0% 到 100% 之间" in response.content.decode()
    assert not StarTarget.objects.exists()


def test_editing_a_result_recounts_its_level(world, client_for):
    result = make_star_result(world.village, year=2023, stars=["生态宜居星"])
    client = client_for("county_reviewer")  # the county keeps the results of years before the platform
    data = {
        "org": world.village.pk,
        "year": 2023,
        "stars": ["生态宜居星", "平安法治星", "文明幸福星"],
        "version": result.version,
    }
    assert client.post(reverse("ledger-edit", args=["star_results", result.pk]), data).status_code == 302
    result.refresh_from_db()
    assert result.level == 3


def _list_queries(client, ledger: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("ledger-list", args=[ledger])).status_code == 200
    return len(queries)


def test_result_list_query_count_does_not_grow_with_rows(world, client_for):
    client = client_for("town_admin")
    for year in range(2000, 2005):
        make_star_result(world.village, year=year)
    few = _list_queries(client, "star_results")
    for year in range(2005, 2045):
        make_star_result(world.village2, year=year)
    assert StarResult.objects.count() == 45
    assert _list_queries(client, "star_results") == few
