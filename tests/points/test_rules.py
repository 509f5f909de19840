"""A village's points table is data its cadres keep up to date in the UI."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.points.factories import make_point_rule
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.points.models import PointRule
from xiangzhi.points.services import point_rule_create, point_rule_update

pytestmark = pytest.mark.django_db


def test_a_village_cadre_adds_a_rule_with_history(world):
    rule = point_rule_create(
        village=world.village, item=" 参加义务劳动 ", points=3, acting_user=world.users["village_cadre"]
    )

    rule.refresh_from_db()
    assert (rule.org, rule.town, rule.item, rule.points, rule.active) == (
        world.village,
        world.town,
        "参加义务劳动",
        3,
        True,
    )
    assert rule.history.get().history_user == world.users["village_cadre"]


def test_a_rule_item_is_unique_in_its_village_only(world):
    admin = world.users["town_admin"]
    point_rule_create(village=world.village, item="乱堆乱放", points=-2, acting_user=admin)

    with pytest.raises(ValidationError, match="桥湾村已有积分事项「乱堆乱放」"):
        point_rule_create(village=world.village, item="乱堆乱放", points=-3, acting_user=admin)
    point_rule_create(village=world.village2, item="乱堆乱放", points=-3, acting_user=admin)
    assert PointRule.objects.count() == 2


def test_a_rule_of_zero_points_is_refused(world):
    with pytest.raises(ValidationError, match="分值不能为 0"):
        point_rule_create(village=world.village, item="参会", points=0, acting_user=world.users["town_admin"])


def test_rules_are_kept_per_village(world):
    with pytest.raises(ValidationError, match="请选择一个村"):
        point_rule_create(village=world.town, item="参会", points=1, acting_user=world.users["town_admin"])


def test_a_rule_is_changed_and_retired_with_a_version_check(world):
    rule = make_point_rule(world.village, item="志愿服务", points=5)
    cadre = world.users["village_cadre"]

    point_rule_update(
        rule=rule, item="志愿服务", points=6, active=False, acting_user=cadre, expected_version=1
    )

    rule.refresh_from_db()
    assert (rule.points, rule.active, rule.version) == (6, False, 2)
    with pytest.raises(StaleRecordError):
        point_rule_update(
            rule=rule, item="志愿服务", points=7, active=True, acting_user=cadre, expected_version=1
        )


def test_rules_are_kept_from_the_village_page(world, client_for):
    client = client_for("village_cadre")

    response = client.post(
        reverse("points-rule-add", args=[world.village.pk]), {"item": "助人为乐", "points": 4}
    )
    assert response.status_code == 302
    rule = PointRule.objects.get()
    edit = client.post(
        reverse("points-rule-edit", args=[rule.pk]), {"item": "助人为乐", "points": 4, "version": 1}
    )
    assert edit.status_code == 302
    rule.refresh_from_db()
    assert rule.active is False

    page = client.get(reverse("points-village", args=[world.village.pk])).content.decode()
    assert "助人为乐" in page
    assert "停用" in page


def test_a_duplicate_rule_is_explained_on_the_form(world, client_for):
    make_point_rule(world.village, item="助人为乐")

    response = client_for("village_cadre").post(
        reverse("points-rule-add", args=[world.village.pk]), {"item": "助人为乐", "points": 4}
    )

    assert response.status_code == 200
    assert "已有积分事项" in response.content.decode()


def test_a_grid_worker_cannot_change_the_villages_rules(world, client_for):
    rule = make_point_rule(world.village)

    response = client_for("grid_worker").post(
        reverse("points-rule-edit", args=[rule.pk]), {"item": "x", "points": 1, "version": 1}
    )

    assert response.status_code == 404
    rule.refresh_from_db()
    assert rule.item != "x"


def test_the_county_reviewer_sees_the_rules_but_cannot_add_one(world, client_for):
    client = client_for("county_reviewer")

    assert client.get(reverse("points-village", args=[world.village.pk])).status_code == 200
    response = client.post(reverse("points-rule-add", args=[world.village.pk]), {"item": "x", "points": 1})
    assert response.status_code == 403
    assert not PointRule.objects.exists()
