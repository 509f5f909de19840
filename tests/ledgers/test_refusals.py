"""CONTRACT §2 atomicity: any bad row refuses the whole file — exit code 1, every error as
`第 N 行 [列名] 值: 原因` on stderr, and not one row written (good rows before it included)."""

import pytest

from tests.ledgers.support import (
    HOUSEHOLD_HEADERS,
    NOTHING,
    counts,
    household,
    import_cli,
    valid_id,
    write_xlsx,
)
from xiangzhi.economy.models import CollectiveIncome

pytestmark = pytest.mark.django_db

GOOD = household(户编号="NG-100", 户主身份证号=valid_id(100))
BAD_ID = valid_id(5)[:-1] + ("1" if valid_id(5)[-1] != "1" else "2")

BAD_HOUSEHOLDS = [
    (
        "bad-id",
        {"户主身份证号": BAD_ID},
        f"第 3 行 [户主身份证号] 410802********{BAD_ID[-4:]}: 身份证号校验位错误，请核对",
    ),
    (
        "short-id",
        {"户主身份证号": "41080219800101"},
        "第 3 行 [户主身份证号] ********: 身份证号应为 18 位，实为 14 位",
    ),
    ("missing-date", {"纳入日期": None}, "第 3 行 [纳入日期] 空: 必填"),
    ("bad-date", {"纳入日期": "2023-02-30"}, "第 3 行 [纳入日期] 2023-02-30: 日期不存在：2023年2月没有30日"),
    ("foreign-village", {"所属村": "外村", "网格": None}, "第 3 行 [所属村] 外村: 不是宁郭镇的村"),
    ("foreign-grid", {"网格": "村1网格"}, "第 3 行 [网格] 村1网格: 不是桥湾村的网格"),
    (
        "exit-before-enrol",
        {"退出日期": "2022-12-31", "退出原因": "迁出"},
        "第 3 行 [退出日期] 2022-12-31: 退出日期不能早于纳入日期",
    ),
    ("exit-without-reason", {"退出日期": "2023-12-31"}, "第 3 行 [退出原因] 空: 已退出的家庭需填写退出原因"),
    (
        "unknown-category",
        {"类别": "低保户、五保户"},
        "第 3 行 [类别] 低保户、五保户: 「五保户」不在允许的值中",
    ),
    ("zero-persons", {"家庭人口": 0}, "第 3 行 [家庭人口] 0: 家庭人口至少为1"),
    ("too-long", {"户主姓名": "名" * 51}, "第 3 行 [户主姓名] " + "名" * 40 + "…: 超过 50 个字符"),
]


@pytest.mark.parametrize(("case", "bad", "message"), BAD_HOUSEHOLDS, ids=[b[0] for b in BAD_HOUSEHOLDS])
def test_a_bad_household_row_refuses_the_whole_file(world, tmp_path, case, bad, message):
    rows = [GOOD, household(**bad)]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows))

    assert result.code == 1
    assert result.err_lines[0].startswith(message)
    assert result.err_lines[-1] == "共 1 处错误，未写入任何数据。"
    assert counts() == NOTHING


def test_a_duplicate_key_names_the_first_row(world, tmp_path):
    rows = [GOOD, household(), household(户主身份证号=valid_id(6))]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows))

    assert result.code == 1
    assert result.err_lines[0] == "第 4 行 [户编号] NG-001: 与第 3 行重复"
    assert counts() == NOTHING


def test_every_error_of_the_file_is_reported_at_once(world, tmp_path):
    rows = [
        household(纳入日期=None, 家庭人口="三"),
        GOOD,
        household(户编号="NG-2", 所属村="外村", 网格=None),
    ]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows))

    assert result.err_lines == [
        "第 2 行 [家庭人口] 三: 应为整数，如 3",
        "第 2 行 [纳入日期] 空: 必填",
        "第 4 行 [所属村] 外村: 不是宁郭镇的村",
        "共 3 处错误，未写入任何数据。",
    ]


def test_bad_rows_after_more_than_a_chunk_of_good_ones_still_write_nothing(world, tmp_path):
    # The importer writes clean rows in chunks of 2,000 as they stream in; a late error must undo them.
    rows = [
        household(户编号=f"NG-{n:05d}", 户主身份证号=valid_id(n % 900 + 100, f"19{n // 900 + 50}0101"))
        for n in range(2100)
    ]
    rows.append(household(户编号="NG-LAST", 所属村="外村", 网格=None))

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows))

    assert result.code == 1
    assert result.err_lines[0] == "第 2102 行 [所属村] 外村: 不是宁郭镇的村"
    assert counts() == NOTHING


def test_two_rows_naming_one_record_in_different_words_are_duplicates(world, tmp_path):
    # 桥湾 and 410811101200 both mean 桥湾村: the text differs, the record (village + year) is one.
    headers = ["所属村", "年度", "集体经济收入(万元)", "主要来源"]
    rows = [
        {"所属村": "桥湾村", "年度": 2023, "集体经济收入(万元)": 12, "主要来源": "光伏"},
        {"所属村": "桥湾", "年度": 2023, "集体经济收入(万元)": 15, "主要来源": "租赁"},
        {"所属村": world.village.code, "年度": 2023, "集体经济收入(万元)": 9, "主要来源": "租赁"},
    ]

    result = import_cli("collective_income", write_xlsx(tmp_path / "c.xlsx", headers, rows))

    assert result.code == 1
    assert result.err_lines[:2] == [
        "第 3 行 [所属村] 桥湾: 与第 2 行重复",
        f"第 4 行 [所属村] {world.village.code}: 与第 2 行重复",
    ]
    assert not CollectiveIncome.all_objects.exists()
