"""The other care ledgers through `xiangzhi import`: references to households by 户编号, their own
keys and cross-row rules (CONTRACT §3), and each export re-importing with no change."""

import datetime as dt

import pytest

from tests.ledgers.support import (
    HOUSEHOLD_HEADERS,
    NOTHING,
    counts,
    export_cli,
    household,
    import_cli,
    valid_id,
    write_xlsx,
)
from xiangzhi.care.models import Matter, Member, Problem, ProblemStatus, Visit

pytestmark = pytest.mark.django_db

MEMBER_HEADERS = ["户编号", "姓名", "身份证号", "与户主关系", "特殊情况"]
VISIT_HEADERS = ["户编号", "走访日期", "走访人", "走访方式", "情况记录"]
PROBLEM_HEADERS = [
    "问题编号",
    "所属村",
    "户编号",
    "提出日期",
    "问题类别",
    "问题描述",
    "办理状态",
    "解决日期",
    "办理结果",
]
MATTER_HEADERS = ["实事编号", "所属村", "事项名称", "完成日期", "受益户数"]

MEMBERS = [
    {
        "户编号": "NG-001",
        "姓名": "张小三",
        "身份证号": valid_id(11, "20100101"),
        "与户主关系": "子女",
        "特殊情况": "留守儿童",
    },
    {"户编号": "NG-002", "姓名": "王小五", "身份证号": valid_id(12, "20120101"), "与户主关系": "孙子女"},
]
VISITS = [
    {
        "户编号": "NG-001",
        "走访日期": "2023-07-14",
        "走访人": "李四",
        "走访方式": "入户走访",
        "情况记录": "讲解低保政策",
    },
    {"户编号": "NG-001", "走访日期": "2023/8/2", "走访人": "李四"},
    {"户编号": "NG-002", "走访日期": "2023年8月2日", "走访人": "李四", "走访方式": "电话回访"},
]
PROBLEMS = [
    {
        "问题编号": "WT-1",
        "所属村": "桥湾村",
        "户编号": "NG-001",
        "提出日期": "2023-03-02",
        "问题描述": "房屋漏雨",
        "办理状态": "已解决",
        "解决日期": "2023-03-20",
        "办理结果": "已维修",
    },
    {
        "问题编号": "WT-2",
        "所属村": "村1",
        "提出日期": "2023-04-01",
        "问题类别": "道路",
        "问题描述": "路灯不亮",
        "办理状态": "待办理",
    },
]
MATTERS = [
    {
        "实事编号": "SS-1",
        "所属村": "桥湾村",
        "事项名称": "修缮排水沟",
        "完成日期": "2023-06-30",
        "受益户数": 35,
    },
    {"实事编号": "SS-2", "事项名称": "全镇健康义诊", "完成日期": "2023-09-01"},
]


@pytest.fixture
def households(world, tmp_path):
    rows = [household(), household(户编号="NG-002", 所属村="村1", 网格="村1网格", 户主身份证号=valid_id(2))]
    assert import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows)).code == 0
    return world


def _import(tmp_path, ledger, headers, rows):
    return import_cli(ledger, write_xlsx(tmp_path / f"{ledger}.xlsx", headers, rows))


def test_members_join_their_household_and_take_its_unit(households, tmp_path):
    result = _import(tmp_path, "members", MEMBER_HEADERS, MEMBERS)

    assert result.code == 0, result.err
    child = Member.objects.get(name="张小三")
    assert (child.household.household_no, child.org, child.special) == ("NG-001", households.grid, "留守儿童")


def test_a_member_is_identified_by_id_number(households, tmp_path):
    _import(tmp_path, "members", MEMBER_HEADERS, MEMBERS)
    moved = [MEMBERS[0] | {"户编号": "NG-002", "姓名": "张晓三"}]

    result = import_cli("members", write_xlsx(tmp_path / "m2.xlsx", MEMBER_HEADERS, moved))

    assert "更新 1" in result.out, result.err
    member = Member.objects.get(id_number_index=Member.objects.get(name="张晓三").id_number_index)
    assert (member.household.household_no, member.org) == ("NG-002", households.grid2)


def test_visits_are_keyed_by_household_date_and_visitor(households, tmp_path):
    assert _import(tmp_path, "visits", VISIT_HEADERS, VISITS).code == 0

    again = _import(tmp_path, "visits", VISIT_HEADERS, [VISITS[0] | {"情况记录": "再次讲解"}])

    assert "更新 1" in again.out
    assert Visit.objects.count() == 3
    assert Visit.objects.get(visited_on=dt.date(2023, 7, 14)).notes == "再次讲解"
    assert (
        Visit.objects.get(visited_on=dt.date(2023, 8, 2), household__household_no="NG-001").method
        == "入户走访"
    )


def test_problems_and_matters_import(households, tmp_path):
    assert _import(tmp_path, "problems", PROBLEM_HEADERS, PROBLEMS).code == 0
    assert _import(tmp_path, "matters", MATTER_HEADERS, MATTERS).code == 0

    resolved = Problem.objects.get(problem_no="WT-1")
    assert (resolved.status, resolved.resolved_on, resolved.household.household_no) == (
        ProblemStatus.RESOLVED,
        dt.date(2023, 3, 20),
        "NG-001",
    )
    assert Problem.objects.get(problem_no="WT-2").org == households.village2
    assert Matter.objects.get(matter_no="SS-2").org == households.town


REFUSALS = [
    (
        "members",
        MEMBER_HEADERS,
        MEMBERS[0] | {"户编号": "NG-404"},
        "第 2 行 [户编号] NG-404: 宁郭镇没有这条记录",
    ),
    (
        "visits",
        VISIT_HEADERS,
        VISITS[0] | {"户编号": "NG-404"},
        "第 2 行 [户编号] NG-404: 宁郭镇没有这条记录",
    ),
    ("visits", VISIT_HEADERS, VISITS[0] | {"走访日期": None}, "第 2 行 [走访日期] 空: 必填"),
    ("visits", VISIT_HEADERS, VISITS[0] | {"走访方式": "微信"}, "第 2 行 [走访方式] 微信: 不在允许的值中"),
    (
        "problems",
        PROBLEM_HEADERS,
        PROBLEMS[0] | {"解决日期": None},
        "第 2 行 [解决日期] 空: 已解决的问题需填写解决日期",
    ),
    (
        "problems",
        PROBLEM_HEADERS,
        PROBLEMS[0] | {"解决日期": "2023-03-01"},
        "第 2 行 [解决日期] 2023-03-01: 解决日期不能早于提出日期",
    ),
    ("problems", PROBLEM_HEADERS, PROBLEMS[0] | {"所属村": "村1"}, "第 2 行 [户编号] NG-001: 该户不属于村1"),
    (
        "problems",
        PROBLEM_HEADERS,
        PROBLEMS[0] | {"户编号": "NG-404"},
        "第 2 行 [户编号] NG-404: 宁郭镇没有这条记录",
    ),
    ("matters", MATTER_HEADERS, MATTERS[0] | {"所属村": "外村"}, "第 2 行 [所属村] 外村: 不是宁郭镇的村"),
    ("matters", MATTER_HEADERS, MATTERS[0] | {"受益户数": -3}, "第 2 行 [受益户数] -3: 不能小于 0"),
]


@pytest.mark.parametrize(
    ("ledger", "headers", "row", "message"), REFUSALS, ids=[r[3][9:20] for r in REFUSALS]
)
def test_a_bad_row_of_a_care_ledger_refuses_the_file(households, tmp_path, ledger, headers, row, message):
    before = counts()

    result = _import(tmp_path, ledger, headers, [row])

    assert result.code == 1
    assert result.err_lines[0].startswith(message)
    assert counts() == before


def test_the_same_visit_twice_in_a_file_is_a_duplicate(households, tmp_path):
    result = _import(tmp_path, "visits", VISIT_HEADERS, [VISITS[0], VISITS[0] | {"走访日期": "2023.7.14"}])

    assert result.err_lines[0] == "第 3 行 [户编号+走访日期+走访人] NG-001 / 2023.7.14 / 李四: 与第 2 行重复"
    assert not Visit.objects.exists()


def test_the_same_member_twice_in_a_file_is_a_duplicate_and_stays_masked(households, tmp_path):
    twice = [MEMBERS[0], MEMBERS[1] | {"身份证号": MEMBERS[0]["身份证号"].lower()}]

    result = _import(tmp_path, "members", MEMBER_HEADERS, twice)

    id_number = MEMBERS[0]["身份证号"]
    assert result.err_lines[0] == f"第 3 行 [身份证号] 410802********{id_number[-4:]}: 与第 2 行重复"
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("ledger", "headers", "rows"),
    [
        ("members", MEMBER_HEADERS, MEMBERS),
        ("visits", VISIT_HEADERS, VISITS),
        ("problems", PROBLEM_HEADERS, PROBLEMS),
        ("matters", MATTER_HEADERS, MATTERS),
    ],
)
def test_each_care_export_reimports_with_no_change(households, tmp_path, ledger, headers, rows):
    assert _import(tmp_path, ledger, headers, rows).code == 0
    before = counts()

    assert export_cli(ledger, tmp_path / "out.xlsx").code == 0
    result = import_cli(ledger, tmp_path / "out.xlsx")

    assert f"新增 0，更新 0，未变 {len(rows)}" in result.out, result.err
    assert counts() == before
    assert before != NOTHING
