"""Who may write a 评星结果 and for which year, on every path (issue 14, item 3).

A village may not rate itself: by hand only the county, which determines stars, writes a result,
and only for a year before the platform. A year whose standard is in force runs the cycle here
(村自评 → 镇初审 → 县审核 → 公示 → 定星) and its results come from 定星 alone.
"""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.stars.factories import make_star_result
from tests.stars.support import simple_document
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user
from xiangzhi.core.services.records import record_create
from xiangzhi.stars.models import StarResult
from xiangzhi.stars.readiness import town_readiness
from xiangzhi.stars.services.standards import standard_load

pytestmark = pytest.mark.django_db

CYCLE_YEAR = 2024  # the county's standard of this year is loaded: its cycle runs in the platform
BEFORE_PLATFORM = 2019  # no standard: results are typed in from the paper records
FIVE = ["支部过硬星", "产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"]
ALLOWED, REFUSED = "allowed", "refused"

# persona (tests/world.py: village_cadre is qiaowan, town_admin is town, county_reviewer is county)
# × path × year → outcome. Written out, not derived from the roles.
RULES = [
    ("village_cadre", "form_add", CYCLE_YEAR, REFUSED),
    ("village_cadre", "form_add", BEFORE_PLATFORM, REFUSED),
    ("village_cadre", "form_edit", CYCLE_YEAR, REFUSED),
    ("village_cadre", "form_edit", BEFORE_PLATFORM, REFUSED),
    ("village_cadre", "import", CYCLE_YEAR, REFUSED),
    ("village_cadre", "import", BEFORE_PLATFORM, REFUSED),
    ("village_cadre", "service", CYCLE_YEAR, REFUSED),
    ("village_cadre", "service", BEFORE_PLATFORM, REFUSED),
    ("town_admin", "form_add", CYCLE_YEAR, REFUSED),
    ("town_admin", "form_add", BEFORE_PLATFORM, REFUSED),
    ("town_admin", "form_edit", CYCLE_YEAR, REFUSED),
    ("town_admin", "form_edit", BEFORE_PLATFORM, REFUSED),
    ("town_admin", "import", CYCLE_YEAR, REFUSED),
    ("town_admin", "import", BEFORE_PLATFORM, REFUSED),
    ("town_admin", "service", CYCLE_YEAR, REFUSED),
    ("town_admin", "service", BEFORE_PLATFORM, REFUSED),
    ("county_reviewer", "form_add", CYCLE_YEAR, REFUSED),
    ("county_reviewer", "form_add", BEFORE_PLATFORM, ALLOWED),
    ("county_reviewer", "form_edit", CYCLE_YEAR, REFUSED),
    ("county_reviewer", "form_edit", BEFORE_PLATFORM, ALLOWED),
    ("county_reviewer", "import", CYCLE_YEAR, REFUSED),
    ("county_reviewer", "import", BEFORE_PLATFORM, ALLOWED),
    ("county_reviewer", "service", CYCLE_YEAR, REFUSED),
    ("county_reviewer", "service", BEFORE_PLATFORM, ALLOWED),
]


@pytest.fixture
def county_standard(world):
    return standard_load(
        raw=json.dumps(simple_document(CYCLE_YEAR)).encode(), org=world.county, acting_user=system_user()
    )


def _form_add(world, client, user, year):
    data = {"org": world.village.pk, "year": year, "stars": FIVE, "rated_on": f"{year}-12-28"}
    response = client.post(reverse("ledger-create", args=["star_results"]), data)
    return response.status_code == 302


def _form_edit(world, client, user, year):
    result = StarResult.objects.get(org=world.village, year=year)
    data = {"org": world.village.pk, "year": year, "stars": FIVE, "version": result.version}
    response = client.post(reverse("ledger-edit", args=["star_results", result.pk]), data)
    return response.status_code == 302


def _import(world, client, user, year, tmp_path):
    path = tmp_path / "results.csv"
    path.write_text(f"所属村,年度,获评星,评定日期\n桥湾村,{year},{'、'.join(FIVE)},{year}-12-28\n", "utf-8")
    ledger = get_ledger("star_results")
    report = import_file(ledger, str(path), "results.csv", town=world.town, acting_user=user)
    if report.ok:
        return True
    assert [str(error).startswith("第 2 行 [") for error in report.errors] == [True]
    return False


def _service(world, client, user, year):
    result = StarResult(org=world.village, year=year, stars=FIVE, rated_on=None)
    try:
        record_create(result, acting_user=user)
    except (PermissionDenied, ValidationError):
        return False
    return True


PATHS = {"form_add": _form_add, "form_edit": _form_edit, "import": _import, "service": _service}


@pytest.mark.parametrize(("persona", "path", "year", "outcome"), RULES)
def test_who_writes_a_star_result(world, client_for, county_standard, tmp_path, persona, path, year, outcome):
    if path == "form_edit":
        make_star_result(world.village, year=year, stars=["生态宜居星"])
    user = world.users[persona]
    client = client_for(persona)
    before = (StarResult.all_objects.count(), StarResult.history.count())
    extra = (tmp_path,) if path == "import" else ()
    written = PATHS[path](world, client, user, year, *extra)
    after = (StarResult.all_objects.count(), StarResult.history.count())
    if outcome == REFUSED:
        assert not written
        assert after == before
        if path == "form_edit":
            assert StarResult.objects.get(org=world.village, year=year).stars == ["生态宜居星"]
    else:
        assert written
        assert StarResult.objects.get(org=world.village, year=year).stars == FIVE
        assert after[1] == before[1] + 1


def test_the_refusals_say_why_in_chinese(world, client_for, county_standard, tmp_path):
    data = {"org": world.village.pk, "year": CYCLE_YEAR, "stars": FIVE}
    page = client_for("county_reviewer").post(reverse("ledger-create", args=["star_results"]), data)
    assert "2024年度已在本平台开展创星评定" in page.content.decode()
    path = tmp_path / "results.csv"
    path.write_text(f"所属村,年度,获评星,评定日期\n桥湾村,2024,{'、'.join(FIVE)},2024-12-28\n", "utf-8")
    ledger = get_ledger("star_results")

    def errors(persona):
        report = import_file(ledger, str(path), "r.csv", town=world.town, acting_user=world.users[persona])
        return [str(error) for error in report.errors]

    assert errors("village_cadre") == [
        "第 2 行 [所属村] 桥湾村: 评星结果只能由县级审核员录入，村、镇不能导入"
    ]
    assert errors("county_reviewer") == [
        "第 2 行 [年度] 2024: 2024年度已在本平台开展创星评定，"
        "评星结果只能经村自评、镇初审、县审核、公示后定星产生，不能直接录入、导入或删除"
    ]


def test_the_browser_import_of_results_is_not_offered_to_a_village(world, client_for):
    client = client_for("village_cadre")
    page = client.get(reverse("ledger-list", args=["star_results"])).content.decode()
    assert reverse("ledger-create", args=["star_results"]) not in page
    assert reverse("ledger-import", args=["star_results"]) not in page
    assert client.get(reverse("ledger-import", args=["star_results"])).status_code == 403
    result = make_star_result(world.village, year=BEFORE_PLATFORM)
    detail = client.get(reverse("ledger-detail", args=["star_results", result.pk])).content.decode()
    assert reverse("ledger-edit", args=["star_results", result.pk]) not in detail
    assert reverse("ledger-delete", args=["star_results", result.pk]) not in detail


def test_the_county_is_offered_the_form(world, client_for):
    page = client_for("county_reviewer").get(reverse("ledger-list", args=["star_results"])).content.decode()
    assert reverse("ledger-create", args=["star_results"]) in page


def test_readiness_counts_only_the_stars_of_dingxing(world, county_standard):
    """A result of a platform year that did not come from 定星 (typed before this rule) awards
    nothing: the village page and the town's matrix read the awarded applications."""
    make_star_result(world.village, year=CYCLE_YEAR, stars=FIVE)
    readiness = town_readiness(world.town, CYCLE_YEAR, world.users["town_admin"])
    qiaowan = readiness.villages[0]
    assert qiaowan.village == world.village
    assert qiaowan.awarded_level == 0
    assert [s.awarded for s in qiaowan.stars] == [False, False, False, False, False]


def test_an_exported_platform_year_imports_again_unchanged(world, county_standard, tmp_path):
    """A row equal to what 定星 wrote changes nothing, so the export of a platform year is still a
    valid import; changing one star of it is refused."""
    make_star_result(world.village, year=CYCLE_YEAR, stars=["生态宜居星"])
    ledger = get_ledger("star_results")
    county = world.users["county_reviewer"]

    def run(stars: str):
        path = tmp_path / "results.csv"
        path.write_text(f"所属村,年度,获评星\n桥湾村,{CYCLE_YEAR},{stars}\n", "utf-8")
        return import_file(ledger, str(path), "results.csv", town=world.town, acting_user=county)

    history = StarResult.history.count()
    assert (run("生态宜居星").ok, run("生态宜居星").unchanged) == (True, 1)
    assert not run("生态宜居星、文明幸福星").ok
    assert StarResult.objects.get(org=world.village, year=CYCLE_YEAR).stars == ["生态宜居星"]
    assert StarResult.history.count() == history


def test_the_county_cannot_delete_a_platform_years_result(world, client_for, county_standard):
    result = make_star_result(world.village, year=CYCLE_YEAR, stars=["生态宜居星"])
    client = client_for("county_reviewer")
    response = client.post(reverse("ledger-delete", args=["star_results", result.pk]), follow=True)
    assert "不能直接录入、导入或删除" in response.content.decode()
    assert StarResult.all_objects.get(pk=result.pk).deleted_at is None
