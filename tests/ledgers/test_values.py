"""CONTRACT §2 value rules through `xiangzhi import` into the database: spaces and full-width
characters normalised, every date format, lists with every separator, ID numbers with a lower-case x."""

import datetime as dt

import pytest

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, valid_id, write_csv, write_xlsx
from xiangzhi.care.models import Household

pytestmark = pytest.mark.django_db

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _import_one(tmp_path, **overrides) -> Household:
    result = import_cli(
        "households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(**overrides)])
    )
    assert result.code == 0, result.err
    return Household.objects.get()


def test_full_width_digits_and_letters_are_normalised(world, tmp_path):
    id_number = valid_id(7)
    record = _import_one(
        tmp_path,
        户编号="ＮＧ-００１",
        户主身份证号=id_number.translate(FULL_WIDTH),
        家庭人口="３",
        联系电话="１３９００００１１１１",
        纳入日期="２０２３-０７-１４",
    )

    assert record.household_no == "NG-001"
    assert record.head_id_number == id_number
    assert record.size == 3
    assert record.phone == "13900001111"
    assert record.enrolled_on == dt.date(2023, 7, 14)


def test_spaces_around_values_are_removed(world, tmp_path):
    record = _import_one(
        tmp_path, 户编号="  NG-001 ", 户主姓名=" 张三\u3000", 所属村=" 桥湾村 ", 网格=" 村0网格"
    )

    assert (record.household_no, record.head_name, record.org) == ("NG-001", "张三", world.grid)


@pytest.mark.parametrize(
    "cell",
    ["2023-07-14", "2023/7/14", "2023.7.14", "2023年7月14日", dt.datetime(2023, 7, 14), dt.date(2023, 7, 14)],
    ids=["iso", "slashes", "dots", "chinese", "excel-datetime-cell", "excel-date-cell"],
)
def test_every_date_format_reads_the_same_day(world, tmp_path, cell):
    assert _import_one(tmp_path, 纳入日期=cell).enrolled_on == dt.date(2023, 7, 14)


def test_a_date_typed_as_an_excel_serial_number_reads_as_that_day(world, tmp_path):
    assert _import_one(tmp_path, 纳入日期=45121).enrolled_on == dt.date(2023, 7, 14)


@pytest.mark.parametrize("separator", ["、", ",", "，", ";", "；", "/", "\n"])
def test_lists_accept_every_separator(world, tmp_path, separator):
    record = _import_one(tmp_path, 类别=f"低保户{separator}残疾人家庭")

    assert record.categories == ["低保户", "残疾人家庭"]


def test_lists_in_a_gb18030_csv_keep_their_chinese_separators(world, tmp_path):
    path = write_csv(tmp_path / "h.csv", HOUSEHOLD_HEADERS, [household(类别="低保户；独居老人")], "gb18030")

    assert import_cli("households", path).code == 0
    assert Household.objects.get().categories == ["低保户", "独居老人"]


def test_a_lower_case_x_in_an_id_number_is_stored_as_upper_case(world, tmp_path):
    id_number = "11010519491231002X"

    record = _import_one(tmp_path, 户主身份证号=id_number.lower())

    assert record.head_id_number == id_number
    assert record.head_id_number_last4 == "002X"


def test_an_id_number_with_spaces_inside_is_accepted(world, tmp_path):
    id_number = valid_id(8)
    spaced = f"{id_number[:6]} {id_number[6:14]} {id_number[14:]}"

    assert _import_one(tmp_path, 户主身份证号=spaced).head_id_number == id_number
