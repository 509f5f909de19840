"""Who may read which report on the web: out of scope is 404, like a town that does not exist."""

import json
from urllib.parse import unquote

import pytest

from tests.reports.builders import D, household
from xiangzhi.core.models import OrgLevel, OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import Role

pytestmark = pytest.mark.django_db


def _page(client, unit, query="year=2023", suffix=""):
    return client.get(f"/reports/{unit.code}/{suffix}?{query}")


def test_a_village_cadre_asking_for_the_town_report_gets_404(world, client_for):
    client = client_for("village_cadre")
    assert _page(client, world.town).status_code == 404
    assert _page(client, world.town, suffix="report.docx").status_code == 404
    assert _page(client, world.town, suffix="report.json").status_code == 404


def test_a_village_cannot_be_asked_for_as_a_report_unit(world, client_for):
    assert _page(client_for("town_admin"), world.village).status_code == 404


def test_a_county_user_may_read_any_town_of_the_county_and_the_county(world, client_for):
    client = client_for("county_reviewer")
    for unit in (world.town, world.other_town, world.county):
        assert _page(client, unit).status_code == 200


def test_a_user_of_another_county_gets_404(world, client):
    county = OrgUnit.objects.add_root(dict(code="410899", name="别区", level=OrgLevel.COUNTY))
    reviewer = User.objects.create_user(username="far", password="x" * 16)
    RoleAssignment.objects.create(user=reviewer, role=Role.COUNTY_REVIEWER, org=county)
    client.force_login(reviewer)
    assert _page(client, world.town).status_code == 404
    assert _page(client, world.county).status_code == 404


def test_a_town_admin_reads_their_own_town_only(world, client_for):
    client = client_for("town_admin")
    assert _page(client, world.town).status_code == 200
    assert _page(client, world.other_town).status_code == 404
    assert _page(client, world.county).status_code == 404


def test_the_web_json_is_the_report_of_the_period(world, client_for):
    household(world.grid, D(2022, 1, 1), size=5)
    response = _page(client_for("town_admin"), world.town, "from=2023-01-01&to=2023-03-31", "report.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["period"] == {"start": "2023-01-01", "end": "2023-03-31"}
    assert (data["care"]["households"], data["care"]["persons"]) == (1, 5)


def test_the_web_docx_is_a_word_file_named_after_the_unit_and_period(world, client_for):
    response = _page(client_for("leader"), world.town, suffix="report.docx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert unquote(response["Content-Disposition"]).endswith("宁郭镇2023年工作报告.docx")


def test_a_bad_period_is_a_clear_message_not_an_error_page(world, client_for):
    client = client_for("town_admin")
    page = _page(client, world.town, "from=2023-05-01&to=2023-01-01")
    assert page.status_code == 400
    assert "早于开始日期" in page.content.decode()
    download = _page(client, world.town, "year=abc", "report.json")
    assert download.status_code == 400
    assert "年度「abc」无效" in download.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=99999999999999999999999", "年度「99999999999999999999999」无效"),
        ("from=2023-01-01&to=20230000000000000000000000", "结束日期「20230000000000000000000000」"),
        ("year=2023%00", "参数「year」不能含有空字符"),  # a null character, not "an empty string"
        ("year=" + "9" * 41, "年度："),
    ],
)
def test_a_value_the_form_cannot_read_is_named_not_taken_for_a_missing_one(world, client_for, query, message):
    client = client_for("town_admin")
    for suffix in ("", "report.json", "report.docx"):
        response = _page(client, world.town, query, suffix)
        text = response.content.decode()
        assert response.status_code == 400
        assert message in text and "请指定报告期间" not in text and "缺少" not in text


def test_without_a_period_the_page_shows_the_current_year(world, client_for):
    page = client_for("town_admin").get(f"/reports/{world.town.code}/")
    assert page.status_code == 200
    assert page.context["period"].is_calendar_year


def test_the_index_lists_the_units_a_user_may_report_on(world, client_for):
    page = client_for("county_reviewer").get("/reports/")
    assert [unit.name for unit in page.context["units"]] == ["山阳区", "宁郭镇", "外镇"]


def test_the_index_refuses_users_who_may_report_on_nothing(world, client_for):
    assert client_for("grid_worker").get("/reports/").status_code == 403


def test_the_nav_shows_工作报告_to_report_readers_only(world, client_for):
    assert "工作报告" in client_for("town_admin").get("/").content.decode()
    assert "工作报告" not in client_for("village_cadre").get("/").content.decode()


def test_typed_dates_win_over_the_year_menu_on_the_page(world, client_for):
    page = _page(client_for("town_admin"), world.town, "year=2023&from=2023-04-01&to=2023-06-30")
    assert page.status_code == 200
    assert page.context["narrative"].title == "宁郭镇2023年第二季度工作情况报告"
