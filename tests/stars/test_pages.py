"""The star pages: the village's gap list, the town matrix (constant queries), the public notice."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.events.factories import make_action_item
from tests.safety.factories import make_hazard
from tests.stars import cycle
from tests.stars.factories import make_star_plan, make_star_result, make_star_target
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.stars.choices import ApplicationStatus as S
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.models import StarApplication, StarEvidence, StarTask

pytestmark = pytest.mark.django_db


def _village_page(client, world, year=2023) -> str:
    response = client.get(reverse("stars-village", args=[world.village.pk]), {"year": year})
    assert response.status_code == 200
    return response.content.decode()


def test_the_village_page_is_a_gap_list_with_figures_linked_to_their_records(
    world, client_for, town_example_standard, full_plan
):
    make_hazard(world.grid)
    page = _village_page(client_for("village_cadre"), world)
    assert "示例标准（非官方）" in page
    assert "本年度排查发现的隐患全部整改" in page and "已整改 0/1 处" in page
    assert f"/ledgers/hazards/?village={world.village.pk}&amp;found_after=2023-01-01" in page
    assert "未达标" in page and "需补佐证" in page
    assert "自评申报" in page


def test_open_review_meeting_items_show_on_the_village_page(world, client_for, town_example_standard):
    make_action_item(world.village, description="清理村口垃圾堆", deadline=dt.date(2023, 6, 30))
    done = make_action_item(world.village, description="已完成的事项")
    done.done_on = dt.date(2023, 5, 1)
    done.save()
    page = _village_page(client_for("village_cadre"), world)
    assert "清理村口垃圾堆" in page and "逾期" in page
    assert "已完成的事项" not in page


def test_a_year_without_a_standard_says_so(world, client_for):
    page = _village_page(client_for("town_admin"), world, year=2021)
    assert "2021年度尚未发布适用于本村的创星标准" in page


@pytest.mark.parametrize(("persona", "status"), [("grid_worker", 404), ("outsider", 404), ("leader", 200)])
def test_the_village_page_is_scoped(world, client_for, persona, status):
    assert client_for(persona).get(reverse("stars-village", args=[world.village.pk])).status_code == status


def test_the_whole_cycle_through_the_browser(world, client, simple_standard, full_plan):
    cycle.give_evidence(world, "文明幸福星")
    client.force_login(world.users["village_cadre"])
    response = client.post(
        reverse("stars-apply", args=[world.village.pk]),
        {"year": 2023, "star": "文明幸福星", "self_assessment": "已完成"},
    )
    application = StarApplication.objects.get()
    assert response.status_code == 302 and application.status == S.SUBMITTED
    client.force_login(world.users["town_admin"])
    review = reverse("stars-town-review", args=[application.pk])
    client.post(review, {"decision": "return", "comment": "", "version": application.version})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED  # a return without reasons is refused
    client.post(review, {"decision": "pass", "comment": "同意", "version": application.version})
    client.force_login(world.users["county_reviewer"])
    application.refresh_from_db()
    client.post(
        reverse("stars-county-review", args=[application.pk]),
        {"decision": "pass", "version": application.version},
    )
    client.force_login(world.users["town_admin"])
    response = client.post(
        reverse("stars-publish", args=[world.town.pk]), {"year": 2023, "starts_on": "2024-01-08"}
    )
    application.refresh_from_db()
    assert application.status == S.IN_NOTICE
    client.post(
        reverse("stars-objection-add", args=[application.pk]),
        {"received_on": "2024-01-09", "content": "异议"},
    )
    objection = application.objections.get()
    client.post(
        reverse("stars-objection-resolve", args=[objection.pk]),
        {"upheld": "no", "resolution": "经核实不成立", "version": objection.version},
    )
    application.refresh_from_db()
    response = client.post(reverse("stars-award", args=[application.pk]), {"version": application.version})
    application.refresh_from_db()
    assert application.status == S.AWARDED
    page = client.get(reverse("stars-application", args=[application.pk])).content.decode()
    assert "已定星" in page and "经核实不成立" in page


def test_a_refused_move_in_the_browser_is_a_message_not_an_error(world, client, simple_standard, full_plan):
    application = cycle.in_notice(world, "生态宜居星")
    cycle.object_to(world, application)
    client.force_login(world.users["town_admin"])
    response = client.post(
        reverse("stars-award", args=[application.pk]), {"version": application.version}, follow=True
    )
    assert response.status_code == 200
    assert "异议尚未处理完毕，不能定星" in response.content.decode()
    response = client.post(reverse("stars-award", args=[application.pk]), {"version": "x"}, follow=True)
    assert "请求无效" in response.content.decode()


def test_a_veto_through_the_browser_withdraws_the_star(world, client, simple_standard, full_plan):
    cycle.awarded(world, "平安法治星")
    client.force_login(world.users["town_admin"])
    data = {
        "year": 2023,
        "star": "平安法治星",
        "kind": "criminal_case",
        "occurred_on": "2024-03-02",
        "description": "盗窃案",
    }
    response = client.post(reverse("stars-veto-add", args=[world.village.pk]), data)
    assert response.status_code == 302
    page = _village_page(client, world)
    assert "刑事案件：盗窃案" in page


def _notice_setup(world):
    application = cycle.in_notice(world, "生态宜居星")
    application.self_assessment = "联系人张三 13900001111"
    application.save()
    make_star_result(world.village2, year=2023, stars=["文明幸福星"])
    return application


def test_the_public_notice_shows_village_stars_and_level_only(world, client_for, simple_standard, full_plan):
    _notice_setup(world)
    page = client_for("grid_worker").get(reverse("stars-notice", args=[world.town.pk]), {"year": 2023})
    text = page.content.decode()
    assert page.status_code == 200
    assert "桥湾村" in text and "生态宜居星" in text and "1星" in text
    assert "2024年01月08日 至 2024年01月12日" in text
    for private in ("张三", "13900001111", "village_cadre", "town_admin"):
        assert private not in text


@pytest.mark.parametrize(
    ("persona", "status"), [("village_cadre", 200), ("county_reviewer", 200), ("outsider", 404)]
)
def test_the_public_notice_is_for_the_towns_people(
    world, client_for, simple_standard, full_plan, persona, status
):
    _notice_setup(world)
    assert client_for(persona).get(reverse("stars-notice", args=[world.town.pk])).status_code == status


def _matrix_queries(client, town) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("stars-town", args=[town.pk]), {"year": 2023})
        assert response.status_code == 200
    return len(queries)


def _fill_village(world, index: int) -> None:
    code = f"4108111013{index:03d}"
    village = OrgUnit.objects.add_child(
        world.town, dict(code=code, name=f"新村{index}", level=OrgLevel.VILLAGE)
    )
    grid = OrgUnit.objects.add_child(
        village, dict(code=f"{code}01", name=f"新村{index}网格", level=OrgLevel.GRID)
    )
    make_star_plan(village, year=2023, stars=list(StarName.values)[: 1 + index % 5])
    make_star_result(village, year=2023, stars=["生态宜居星"])
    make_hazard(grid)
    task = StarTask.objects.filter(metric="").first()
    StarEvidence.objects.create(org=village, town=world.town, year=2023, task=task, text="佐证")


def test_the_town_matrix_costs_the_same_queries_for_5_and_50_villages(
    world, client_for, town_example_standard
):
    make_star_target(world.town, year=2023)
    client = client_for("town_admin")
    for index in range(3):
        _fill_village(world, index)
    few = _matrix_queries(client, world.town)
    for index in range(3, 48):
        _fill_village(world, index)
    assert OrgUnit.objects.filter(level=OrgLevel.VILLAGE, path__startswith=world.town.path).count() == 50
    assert _matrix_queries(client, world.town) == few


def test_the_town_matrix_compares_plan_projection_and_target(world, client_for, simple_standard):
    make_star_target(world.town, year=2023, three_plus_share="0.67")
    make_star_plan(world.village, year=2023, stars=["产业兴旺星", "生态宜居星", "文明幸福星"])
    make_star_plan(world.village2, year=2023, stars=["生态宜居星"])
    for star in ("产业兴旺星", "生态宜居星", "文明幸福星"):
        cycle.give_evidence(world, star)
    page = (
        client_for("town_admin")
        .get(reverse("stars-town", args=[world.town.pk]), {"year": 2023})
        .content.decode()
    )
    assert "67%" in page
    assert page.count("50.0%") == 2  # planned and projected: 1 of 2 villages at three stars or more
    assert "可申报" in page


def test_the_home_page_leads_to_the_right_place(world, client_for):
    assert "创星矩阵" in client_for("town_admin").get(reverse("stars-home")).content.decode()
    assert "创星进度" in client_for("village_cadre").get(reverse("stars-home")).content.decode()
    assert "宁郭镇" in client_for("county_reviewer").get(reverse("stars-home")).content.decode()


def test_a_notice_counted_without_a_holiday_schedule_says_so(
    world, client, simple_standard, full_plan, monkeypatch
):
    application = cycle.in_notice(world, "生态宜居星")
    client.force_login(world.users["town_admin"])
    url = reverse("stars-application", args=[application.pk])
    note = "该年度法定节假日安排尚未收录"
    assert note not in client.get(url).content.decode()

    def unpublished(day):
        raise NotImplementedError(f"no available data for year {day.year}")

    monkeypatch.setattr("chinese_calendar.is_workday", unpublished)
    assert note in client.get(url).content.decode()
