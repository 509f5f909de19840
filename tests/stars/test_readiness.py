"""Live readiness: tasks bound to ledger metrics flip as the ledgers change (example standard)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.economy.factories import make_income
from tests.environment.factories import make_cleanup, make_courtyard
from tests.events.factories import make_action_item, make_event
from tests.factories import make_household
from tests.points.factories import make_point_entry
from tests.projects.factories import make_project
from tests.safety.factories import jpeg_bytes, make_hazard, make_inspection
from tests.security.factories import make_camera, make_dispute, make_patrol
from xiangzhi.care.models import Visit
from xiangzhi.core.models import OrgUnit
from xiangzhi.economy.models import CollectiveIncome
from xiangzhi.safety.services import hazard_rectify
from xiangzhi.stars.choices import TaskStatus
from xiangzhi.stars.models import StarTask, VetoRule
from xiangzhi.stars.readiness import town_readiness
from xiangzhi.stars.services.evidence import evidence_add
from xiangzhi.stars.services.standards import standard_item_save

pytestmark = pytest.mark.django_db

MID_2023 = dt.date(2023, 7, 20)


@pytest.fixture(autouse=True)
def _standard(town_example_standard, full_plan):
    return town_example_standard


def _task(world, title: str, user="town_admin", today=None):
    """The readiness of the task titled ``title`` for 桥湾村 in 2023."""
    village = town_readiness(
        world.town, 2023, world.users[user], villages=[world.village], today=today
    ).villages[0]
    return next(t for s in village.stars for t in s.tasks if t.task.title == title)


def _star(world, name: str, user="town_admin"):
    return (
        town_readiness(world.town, 2023, world.users[user], villages=[world.village]).villages[0].star(name)
    )


def test_rectifying_the_last_hazard_meets_the_safety_task(world):
    inspection = make_inspection(world.grid, inspected_on=dt.date(2023, 5, 4))
    done = make_hazard(world.grid, inspection=inspection, status="已整改", rectified_on=dt.date(2023, 5, 9))
    last = make_hazard(world.grid, inspection=inspection)
    task = _task(world, "本年度排查发现的隐患全部整改")
    assert (task.status, task.figure.text) == (TaskStatus.NOT_MET, "已整改 1/2 处")
    assert done.pk
    hazard_rectify(
        hazard=last,
        acting_user=world.users["grid_worker"],
        expected_version=last.version,
        rectified_on=dt.date(2023, 5, 10),
        after_photos=[SimpleUploadedFile("after.jpg", jpeg_bytes(), content_type="image/jpeg")],
    )
    task = _task(world, "本年度排查发现的隐患全部整改")
    assert (task.status, task.figure.text) == (TaskStatus.MET, "已整改 2/2 处")
    assert task.figure.link == (
        f"/ledgers/hazards/?village={world.village.pk}&found_after=2023-01-01&found_before=2023-12-31"
    )


def test_an_open_major_hazard_fails_its_at_most_zero_task(world):
    make_hazard(world.grid, grade="重大")
    assert _task(world, "无未整改的重大隐患").status == TaskStatus.NOT_MET
    assert _star(world, "平安法治星").ready is False


def test_hazards_of_another_village_do_not_count(world):
    make_hazard(world.grid2)
    assert _task(world, "本年度排查发现的隐患全部整改").status == TaskStatus.MET


def test_collective_income_against_ten_wan(world):
    make_income(world.village, year=2023, income_wan=Decimal("9.5"))
    task = _task(world, "村集体经济收入不少于10万元")
    assert (task.status, task.figure.text) == (TaskStatus.NOT_MET, "9.5万元")
    make_income(world.village, year=2022, income_wan=Decimal("30"))
    assert _task(world, "村集体经济收入不少于10万元").status == TaskStatus.NOT_MET
    CollectiveIncome.objects.filter(org=world.village, year=2023).update(income_wan=Decimal("12"))
    assert _task(world, "村集体经济收入不少于10万元").status == TaskStatus.MET


def test_ecology_tasks_follow_sewer_courtyards_and_cleanups(world):
    project = make_project(world.village, status="在建", started_on=dt.date(2023, 3, 1))
    assert _task(world, "污水管网建成").figure.text == "在建"
    for _ in range(10):
        make_courtyard(world.grid, year=2023)
    make_courtyard(world.grid, year=2023, rating="美丽庭院")
    make_cleanup(world.grid, cleaned_on=dt.date(2023, 5, 1), volume_m3=Decimal("60"))
    make_cleanup(world.grid, cleaned_on=dt.date(2023, 9, 1), volume_m3=Decimal("40"))
    assert _task(world, "创建五美庭院不少于10户").figure.text == "10户"
    assert _task(world, "开展环境整治，清理垃圾不少于100立方米").status == TaskStatus.MET
    assert _star(world, "生态宜居星").ready is False
    project.status, project.completed_on = "已完工", dt.date(2023, 10, 1)
    project.save()
    assert _star(world, "生态宜居星").ready is True


def test_volunteer_service_every_quarter_so_far(world):
    make_event(world.village, kind="志愿服务", held_on=dt.date(2023, 2, 1))
    make_event(world.village, kind="志愿服务", held_on=dt.date(2023, 5, 1))
    mid_year = _task(world, "每个季度开展志愿服务活动", today=MID_2023)
    assert (mid_year.status, mid_year.figure.text) == (TaskStatus.MET, "已开展 2/2 个季度")
    full_year = _task(world, "每个季度开展志愿服务活动")
    assert (full_year.status, full_year.figure.text) == (TaskStatus.NOT_MET, "已开展 2/4 个季度")


def test_every_household_in_register_visited_every_month(world):
    household = make_household(world.grid)
    for month in range(1, 6):
        Visit.objects.create(
            household=household,
            visited_on=dt.date(2023, month, 10),
            visitor="李四",
            org=world.grid,
            town=world.town,
        )
    task = _task(world, "在册困难家庭每月走访", today=MID_2023)
    assert (task.status, task.figure.text) == (TaskStatus.NOT_MET, "1–6月缺访 1 户次")
    Visit.objects.create(
        household=household, visited_on=dt.date(2023, 6, 12), visitor="李四", org=world.grid, town=world.town
    )
    task = _task(world, "在册困难家庭每月走访", today=MID_2023)
    assert (task.status, task.figure.text) == (TaskStatus.MET, "1–6月均已走访（在册 1 户）")


def test_security_and_points_figures(world):
    make_patrol(world.grid)
    for status in ("正常", "正常", "正常", "故障"):
        make_camera(world.grid, status=status)
    make_dispute(world.grid, status="已化解", resolved_on=dt.date(2023, 4, 9))
    for name in ("王五", "王五", "赵六"):
        make_point_entry(world.grid, person_name=name)
    assert _task(world, "组建村夜间巡逻队").status == TaskStatus.MET
    assert _task(world, "正常运行的监控点位不少于3个").figure.text == "3个"
    assert _task(world, "本年度登记的矛盾纠纷全部化解").figure.text == "已化解 1/1 件"
    assert _task(world, "参与积分制管理不少于30人").figure.text == "2人"


def test_an_overdue_action_item_fails_the_branch_task(world):
    make_action_item(world.village, deadline=dt.date(2023, 6, 30))
    task = _task(world, "讲评会交办的整改事项无逾期未办")
    assert (task.status, task.figure.text) == (TaskStatus.NOT_MET, "1项")


def test_a_manual_task_is_met_on_evidence(world):
    title = "修订村规民约，红白理事会正常运转"
    assert _task(world, title).status == TaskStatus.NEEDS_EVIDENCE
    task = StarTask.objects.get(title=title)
    evidence_add(
        village=world.village, year=2023, task=task, acting_user=world.users["village_cadre"], text="村规民约"
    )
    state = _task(world, title)
    assert (state.status, state.evidence) == (TaskStatus.MET, 1)


def test_a_metric_task_that_requires_evidence_waits_for_it(world, town_example_standard):
    task = StarTask.objects.get(title="组建村夜间巡逻队")
    task.evidence_required = True
    standard_item_save(
        task, standard=town_example_standard, acting_user=world.users["town_admin"], reason="须附佐证"
    )
    make_patrol(world.grid)
    assert _task(world, "组建村夜间巡逻队").status == TaskStatus.NEEDS_EVIDENCE
    evidence_add(
        village=world.village, year=2023, task=task, acting_user=world.users["village_cadre"], text="名册"
    )
    assert _task(world, "组建村夜间巡逻队").status == TaskStatus.MET


def test_a_manual_number_task_compares_the_declared_figure(world, town_example_standard):
    definition = town_example_standard.stars.get(star="产业兴旺星")
    task = StarTask(
        star=definition, seq=9, title="特色产业带动农户", indicator_type="number", threshold=50, unit="户"
    )
    standard_item_save(
        task, standard=town_example_standard, acting_user=world.users["town_admin"], reason="新增任务"
    )
    cadre = world.users["village_cadre"]
    evidence_add(village=world.village, year=2023, task=task, acting_user=cadre, value=Decimal("40"))
    assert _task(world, "特色产业带动农户").status == TaskStatus.NOT_MET
    evidence_add(
        village=world.village, year=2023, task=task, acting_user=cadre, value=Decimal("55"), text="新增"
    )
    assert _task(world, "特色产业带动农户").status == TaskStatus.MET


def test_a_veto_item_bound_to_a_metric_blocks_its_star(world, town_example_standard):
    definition = town_example_standard.stars.get(star="平安法治星")
    rule = VetoRule(star=definition, title="存在未整改的重大隐患", metric="major_hazards_open")
    standard_item_save(
        rule, standard=town_example_standard, acting_user=world.users["town_admin"], reason="新增否决"
    )
    make_hazard(world.grid, grade="重大")
    assert _star(world, "平安法治星").vetoes == ["存在未整改的重大隐患（1处）"]


def test_the_capstone_star_needs_the_other_four_first(world):
    branch = _star(world, "支部过硬星")
    assert branch.missing_first == ["产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"]
    assert branch.ready is False


def test_a_grid_worker_counts_only_what_they_may_see(world):
    make_hazard(world.grid)
    other_grid = OrgUnit.objects.add_child(
        world.village, dict(code="41081110120002", name="第2网格", level="grid")
    )
    make_hazard(other_grid)
    assert _task(world, "本年度排查发现的隐患全部整改", user="town_admin").figure.text == "已整改 0/2 处"
    assert _task(world, "本年度排查发现的隐患全部整改", user="grid_worker").figure.text == "已整改 0/1 处"
