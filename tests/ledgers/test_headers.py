"""CONTRACT §2 header rules through `xiangzhi import`: title rows and blank rows above the table,
columns in any order, unknown columns ignored with a warning, the aliases people really type."""

import pytest

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, write_xlsx
from xiangzhi.care.models import Household

pytestmark = pytest.mark.django_db


def test_a_merged_title_row_and_blank_rows_above_the_header_are_skipped(world, tmp_path):
    path = write_xlsx(
        tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household()], title="宁郭镇困难群体台账", blank_rows=2
    )

    result = import_cli("households", path)

    assert result.code == 0, result.err
    assert Household.objects.get().household_no == "NG-001"


def test_an_error_names_the_row_number_the_user_sees_under_the_title(world, tmp_path):
    path = write_xlsx(
        tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(), household(户编号="NG-002", 家庭人口="三")],
        title="宁郭镇困难群体台账", blank_rows=1,
    )  # fmt: skip

    result = import_cli("households", path)

    # title (1), blank (2), header (3), NG-001 (4), NG-002 (5)
    assert result.err_lines[0] == "第 5 行 [家庭人口] 三: 应为整数，如 3"


def test_columns_may_come_in_any_order(world, tmp_path):
    headers = list(reversed(HOUSEHOLD_HEADERS))

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", headers, [household()]))

    assert result.code == 0, result.err
    record = Household.objects.get()
    assert (record.head_name, record.size, record.org) == ("张三", 3, world.grid)


def test_unknown_columns_are_ignored_with_a_warning(world, tmp_path):
    headers = [*HOUSEHOLD_HEADERS, "备注", "填表人"]
    row = household(备注="家中有危房", 填表人="王会计")

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", headers, [row]))

    assert result.code == 0, result.err
    assert "提示：忽略未知列：备注" in result.err
    assert "提示：忽略未知列：填表人" in result.err
    assert Household.objects.count() == 1


ALIASES = {
    "户编号": "户编号",
    "所属村": "村名",
    "网格": "所属网格",
    "户主姓名": "户主",
    "户主身份证号": "身份证号码",
    "联系电话": "手机号",
    "家庭人口": "人口数",
    "类别": "类别",
    "纳入日期": "纳入日期",
}


def test_common_aliases_of_headers_are_accepted(world, tmp_path):
    headers = list(ALIASES.values())
    row = {ALIASES[name]: value for name, value in household().items() if name in ALIASES}

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", headers, [row]))

    assert result.code == 0, result.err
    record = Household.objects.get()
    assert (record.head_name, record.phone, record.size, record.org) == ("张三", "13900001111", 3, world.grid)


def test_headers_marked_required_with_a_star_or_wrapped_onto_two_lines_are_recognised(world, tmp_path):
    headers = ["户编号*", "所属村*", "户主\n姓名", "户主身份证号 *", "家庭人口", "类别", "纳入\n日期"]
    source = household()
    row = {h: source[h.replace("*", "").replace("\n", "").strip()] for h in headers}

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", headers, [row]))

    assert result.code == 0, result.err
    assert Household.objects.get().head_name == "张三"


def test_a_file_missing_a_required_column_names_it(world, tmp_path):
    headers = [h for h in HOUSEHOLD_HEADERS if h != "纳入日期"]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", headers, [household()]))

    assert result.code == 1
    assert "缺少 纳入日期" in result.err
    assert not Household.all_objects.exists()
