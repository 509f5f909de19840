"""The projects ledger through the command line: a messy workbook in, the export back in
unchanged, and every cross-row rule refusing its row with nothing written (CONTRACT §2–§3)."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.projects.factories import make_project
from tests.security.support import assert_reimport_changes_nothing, import_file, write_xlsx
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file as import_as_user
from xiangzhi.projects.models import Project, ProjectStatus, ProjectType

pytestmark = pytest.mark.django_db

HEADER = [
    "项目编号",
    "项目名称",
    "项目类型",
    "所属村",
    "长度(米)",
    "投资(万元)",
    "项目状态",
    "开工日期",
    "完工日期",
]
MESSY_ROWS = [
    ["状态", "编号", "类型", "项目名称", "村", "长度", "投资额（万元）", "开工日期", "竣工日期", "备注"],
    [
        "已完工",
        "XM-２０２２-01",
        "污水管网",
        " 桥湾村污水管网 ",
        "桥湾村",
        "1,200",
        85.5,
        "2022/3/1",
        "2022年9月30日",
        "",
    ],
    ["在建", "XM-2022-02", "污水管网", "村1污水管网", "村1", 980.25, "", dt.date(2022, 4, 1), "", ""],
    ["计划", "XM-2022-03", "村道大修", "全镇主干道大修", "", "", "120", "", "", "镇级"],
    ["已完工", "XM-2022-04", "河道疏通", "幸福河疏通", "宁郭镇", 1520, 86, "2022.3.1", "2022.6.20", ""],
]


def test_messy_project_workbook_is_imported(world, tmp_path):
    result = import_file(
        "projects", write_xlsx(tmp_path / "p.xlsx", MESSY_ROWS, title="宁郭镇基础设施项目台账")
    )

    assert result.code == 0, result.err
    sewer = Project.objects.get(project_no="XM-2022-01")
    assert (sewer.name, sewer.org, sewer.status) == ("桥湾村污水管网", world.village, ProjectStatus.COMPLETED)
    assert (sewer.length_m, sewer.investment_wan) == (Decimal("1200"), Decimal("85.5"))
    assert (sewer.started_on, sewer.completed_on) == (dt.date(2022, 3, 1), dt.date(2022, 9, 30))
    assert Project.objects.get(project_no="XM-2022-02").length_m == Decimal("980.25")
    town_level = Project.objects.get(project_no="XM-2022-03")
    assert (town_level.org, town_level.length_m) == (world.town, None)
    assert Project.objects.get(project_no="XM-2022-04").org == world.town  # the town's own name


def test_project_export_reimports_with_no_change(world, tmp_path):
    import_file("projects", write_xlsx(tmp_path / "p.xlsx", MESSY_ROWS))

    assert_reimport_changes_nothing("projects", Project, tmp_path)


@pytest.mark.parametrize(
    ("status", "started", "completed", "header", "reason"),
    [
        ("已完工", "2023-03-01", "", "完工日期", "已完工的项目需填写完工日期"),
        ("已完工", "2023-03-01", "2023-02-01", "完工日期", "完工日期不能早于开工日期"),
        ("在建", "2023-03-01", "2023-02-28", "完工日期", "完工日期不能早于开工日期"),
    ],
)
def test_cross_row_rules_refuse_the_whole_file(world, tmp_path, status, started, completed, header, reason):
    rows = [
        HEADER,
        ["XM-OK", "一条没有问题的行", "绿化", "桥湾村", "", "", "计划", "", ""],
        ["XM-BAD", "村道", "村道大修", "桥湾村", "900", "", status, started, completed],
    ]

    result = import_file("projects", write_xlsx(tmp_path / "p.xlsx", rows))

    assert result.code == 1
    assert f"第 3 行 [{header}]" in result.err and reason in result.err
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("长度(米)", "-10", "不能为负数"),
        ("投资(万元)", "12.345", "最多保留 2 位小数"),
        ("长度(米)", "1e20", "应为数字"),
    ],
)
def test_impossible_amounts_are_refused(world, tmp_path, column, value, reason):
    row = dict(zip(HEADER, ["XM-1", "村道", "村道大修", "桥湾村", "", "", "计划", "", ""], strict=True))
    row[column] = value

    result = import_file("projects", write_xlsx(tmp_path / "p.xlsx", [HEADER, list(row.values())]))

    assert result.code == 1
    assert f"[{column}]" in result.err and reason in result.err


def test_an_unknown_project_type_is_refused_naming_the_active_ones(world, tmp_path):
    rows = [HEADER, ["XM-1", "修桥", "桥梁", "桥湾村", "", "", "计划", "", ""]]

    result = import_file("projects", write_xlsx(tmp_path / "p.xlsx", rows))

    assert result.code == 1
    assert "第 2 行 [项目类型] 桥梁: 「桥梁」不是启用的项目类型，应为：村道大修、背街小巷硬化" in result.err
    assert not Project.objects.exists()


def test_a_type_added_by_an_administrator_is_accepted(world, tmp_path):
    ProjectType.objects.create(name="桥梁", order=75)
    rows = [HEADER, ["XM-1", "修桥", "桥梁", "桥湾村", "", "", "计划", "", ""]]

    result = import_file("projects", write_xlsx(tmp_path / "p.xlsx", rows))

    assert result.code == 0, result.err
    assert Project.objects.get().kind == "桥梁"


def test_a_retired_type_is_refused_for_new_projects_but_kept_on_old_ones(world, tmp_path):
    make_project(world.grid, project_no="XM-OLD", kind="绿化")
    ProjectType.objects.filter(name="绿化").update(active=False)
    old = [HEADER, ["XM-OLD", "绿化工程", "绿化", "桥湾村", "", "", "计划", "", ""]]
    new = [HEADER, ["XM-NEW", "绿化工程", "绿化", "桥湾村", "", "", "计划", "", ""]]

    kept = import_file("projects", write_xlsx(tmp_path / "old.xlsx", old))
    refused = import_file("projects", write_xlsx(tmp_path / "new.xlsx", new))

    assert kept.code == 0, kept.err
    assert Project.objects.get(project_no="XM-OLD").name == "绿化工程"
    assert refused.code == 1 and "「绿化」不是启用的项目类型" in refused.err
    assert_reimport_changes_nothing("projects", Project, tmp_path)


def test_a_village_of_another_town_is_refused(world, tmp_path):
    rows = [HEADER, ["XM-1", "村道", "村道大修", "外村", "", "", "计划", "", ""]]

    result = import_file("projects", write_xlsx(tmp_path / "p.xlsx", rows))

    assert result.code == 1
    assert "[所属村] 外村: 不是宁郭镇的村" in result.err


def test_a_village_cadre_cannot_import_town_level_projects(world, tmp_path):
    path = write_xlsx(
        tmp_path / "p.xlsx", [HEADER, ["XM-1", "全镇主干道", "村道大修", "", "", "", "计划", "", ""]]
    )

    report = import_as_user(
        get_ledger("projects"), path, path.name, town=world.town, acting_user=world.users["village_cadre"]
    )

    assert [error.reason for error in report.errors] == ["无权导入该单位的数据"]
    assert not Project.objects.exists()
