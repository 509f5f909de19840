"""Standards as yearly data: the file loader, the small editor, and past results left untouched."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.stars import cycle
from tests.stars.support import simple_document
from xiangzhi.core.models import system_user
from xiangzhi.stars.models import StarApplication, StarStandard, StarTask
from xiangzhi.stars.services.standards import standard_load
from xiangzhi.stars.standards import EXAMPLE_2023

pytestmark = pytest.mark.django_db


def _cli(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("load_star_standard", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _file(tmp_path, document, name="standard.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_example_standard_loads_labelled_as_unofficial(db):
    code, out, err = _cli(str(EXAMPLE_2023))
    assert code == 0, err
    assert "示例标准（非官方）" in out
    standard = StarStandard.objects.get()
    assert (standard.year, standard.org, standard.is_example, standard.label) == (
        2023,
        None,
        True,
        "示例标准（非官方）",
    )
    assert list(standard.stars.values_list("star", flat=True)) == [
        "产业兴旺星",
        "生态宜居星",
        "平安法治星",
        "文明幸福星",
        "支部过硬星",
    ]
    assert StarTask.objects.count() == 18
    capstone = standard.stars.get(star="支部过硬星")
    assert capstone.is_capstone and capstone.requires_all_others


def test_a_dry_run_writes_nothing(db):
    code, out, _ = _cli(str(EXAMPLE_2023), "--dry-run")
    assert (code, StarStandard.objects.count()) == (0, 0)
    assert out.startswith("校验通过（未写入）")


def test_a_standard_for_a_town_wins_over_the_one_for_everyone(world, tmp_path):
    assert _cli(str(EXAMPLE_2023))[0] == 0
    assert _cli(_file(tmp_path, simple_document()), "--org", " 宁郭镇 ")[0] == 0  # spaces as pasted
    assert StarStandard.objects.in_force(world.village, 2023).label == "测试标准"
    assert StarStandard.objects.in_force(world.other_village, 2023).label == "示例标准（非官方）"
    assert StarStandard.objects.in_force(world.village, 2024) is None


def test_loading_the_same_year_twice_needs_replace(db, tmp_path):
    path = _file(tmp_path, simple_document())
    assert _cli(path)[0] == 0
    code, _, err = _cli(path)
    assert code == 1
    assert "已存在" in err
    assert _cli(_file(tmp_path, simple_document(label="修订版"), "b.json"), "--replace")[0] == 0
    assert StarStandard.objects.get().label == "修订版"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["stars"].pop(), "缺少 支部过硬星"),
        (
            lambda d: d["stars"][0]["tasks"][0].update(metric="no_such_metric"),
            "没有名为「no_such_metric」的台账指标",
        ),
        (lambda d: d["stars"][0]["tasks"][0].update(threshhold=3), "不认识的字段 threshhold"),
        (lambda d: d["stars"][0]["tasks"][0].update(indicator_type="number"), "须填写达标值"),
        (
            lambda d: d["stars"][0]["tasks"][0].update(
                metric="sewer_completed", indicator_type="number", threshold=1
            ),
            "只能用于达标/未达标类任务",
        ),
        (
            lambda d: d["stars"][2]["veto_rules"][0].update(metric="sewer_completed"),
            "否决事项只能绑定计数类指标",
        ),
        (lambda d: d["stars"][1].update(star="五好星"), "五好星"),
        (lambda d: d.update(notice_working_days=0), "公示期应为 1–30 个工作日"),
        (lambda d: d["stars"][0].update(is_capstone="yes"), "应为 true 或 false"),
    ],
)
def test_a_bad_standard_file_is_refused_with_where_and_why(db, tmp_path, change, message):
    document = simple_document()
    change(document)
    code, _, err = _cli(_file(tmp_path, document))
    assert code == 1
    assert message in err
    assert not StarStandard.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"), [(b"{not json", "JSON 格式错误"), (b"\xff\xfe\x00", "不是 UTF-8")]
)
def test_a_file_that_is_not_json_is_refused_in_one_line(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, _, err = _cli(str(path))
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_a_wrong_extension_or_unit_is_a_usage_error(db, tmp_path):
    assert _cli(str(tmp_path / "missing.json"))[0] == 1
    yaml = tmp_path / "standard.yaml"
    yaml.write_text("year: 2023")
    assert _cli(str(yaml))[0] == 2
    assert _cli(str(EXAMPLE_2023), "--org", "不存在镇")[0] == 2


def _town_standard(world):
    return standard_load(
        raw=json.dumps(simple_document()).encode(), org=world.town, acting_user=system_user()
    )


def test_a_town_admin_edits_a_task_of_the_town_standard_with_history(world, client_for):
    standard = _town_standard(world)
    task = StarTask.objects.get(star__standard=standard, star__star="产业兴旺星")
    data = {
        "seq": 1,
        "title": "集体经济收入不少于15万元",
        "indicator_type": "number",
        "metric": "collective_income",
        "comparison": "gte",
        "threshold": "15",
        "unit": "万元",
        "area": "集体经济",
    }
    response = client_for("town_admin").post(reverse("stars-task-edit", args=[task.pk]), data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.metric, task.threshold) == ("collective_income", 15)
    latest = task.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (world.users["town_admin"], "修改任务 1")


def test_the_editor_refuses_a_metric_that_does_not_fit(world, client_for):
    standard = _town_standard(world)
    task = StarTask.objects.get(star__standard=standard, star__star="产业兴旺星")
    data = {
        "seq": 1,
        "title": "t",
        "indicator_type": "bool",
        "metric": "collective_income",
        "comparison": "gte",
    }
    response = client_for("town_admin").post(reverse("stars-task-edit", args=[task.pk]), data)
    assert response.status_code == 200
    assert "只能用于数值或评分类任务" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("county_reviewer", 200), ("village_cadre", 403), ("leader", 403), ("outsider", 404)],
)
def test_who_may_edit_a_town_standard(world, client_for, persona, status):
    standard = _town_standard(world)
    assert client_for(persona).get(reverse("stars-standard-edit", args=[standard.pk])).status_code == status


def test_a_standard_that_judged_an_award_is_frozen(world, client_for, full_plan):
    standard = _town_standard(world)
    cycle.awarded(world, "生态宜居星")
    task = StarTask.objects.get(star__standard=standard, star__star="生态宜居星")
    data = {"seq": 1, "title": "改过的任务", "indicator_type": "bool", "comparison": "gte"}
    response = client_for("town_admin").post(reverse("stars-task-edit", args=[task.pk]), data)
    assert "已用于定星" in response.content.decode()
    task.refresh_from_db()
    assert task.title == "生态宜居星任务"


def test_a_new_years_standard_leaves_past_results_alone(world, client_for, full_plan):
    standard = _town_standard(world)
    application = cycle.awarded(world, "生态宜居星")
    response = client_for("town_admin").post(
        reverse("stars-standard-copy", args=[standard.pk]),
        {"org": world.town.pk, "year": 2024, "label": "2024年度标准"},
    )
    assert response.status_code == 302
    new = StarStandard.objects.get(year=2024)
    assert new.stars.count() == 5
    StarTask.objects.filter(star__standard=new).update(title="2024年的新要求")
    application.refresh_from_db()
    assert application.standard == standard
    assert application.snapshot[0]["task"] == "生态宜居星任务"
    assert StarStandard.objects.in_force(world.village, 2023) == standard


def test_a_task_with_evidence_cannot_be_deleted(world, client_for, full_plan):
    standard = _town_standard(world)
    cycle.give_evidence(world, "产业兴旺星")
    task = StarTask.objects.get(star__standard=standard, star__star="产业兴旺星")
    client = client_for("town_admin")
    client.post(reverse("stars-task-delete", args=[task.pk]))
    assert StarTask.objects.filter(pk=task.pk).exists()
    other = StarTask.objects.get(star__standard=standard, star__star="文明幸福星")
    assert client.post(reverse("stars-task-delete", args=[other.pk])).status_code == 302
    assert not StarTask.objects.filter(pk=other.pk).exists()


def test_upload_in_the_browser_lists_every_problem(world, client_for):
    document = simple_document()
    document["stars"].pop()
    document["stars"][0]["tasks"][0]["metric"] = "nope"
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "标准.json"
    response = client_for("town_admin").post(
        reverse("stars-standard-upload"), {"org": world.town.pk, "file": upload}
    )
    page = response.content.decode()
    assert "缺少 支部过硬星" in page and "没有名为「nope」的台账指标" in page
    assert not StarStandard.objects.exists()


def test_a_downloaded_standard_loads_back(world, client_for):
    standard = _town_standard(world)
    body = client_for("town_admin").get(reverse("stars-standard-download", args=[standard.pk])).content
    copy = standard_load(raw=body, org=world.other_town, acting_user=system_user())
    assert StarTask.objects.filter(star__standard=copy).count() == 5
    assert not StarApplication.objects.exists()
