"""The economy ledgers through the CLI: messy workbooks, periods in every form, refusals."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.events.support import export_file, import_file, read_xlsx, write_xlsx
from xiangzhi.economy.models import CollectiveIncome, Indicator

pytestmark = pytest.mark.django_db

INCOME = [
    ["村名", "年份", "村集体经济收入（万元）", "收入来源", "备注"],
    ["桥湾", "２０２３", "１２.５", "乡村旅游", ""],
    ["410811101201", 2023, 9.8, "土地流转", ""],
    ["桥湾村", "2022", "7", "", ""],
]


def test_a_messy_income_workbook_is_imported(world, tmp_path):
    code, out, err = import_file(
        "collective_income", write_xlsx(tmp_path / "i.xlsx", INCOME, title="村集体经济收入")
    )

    assert code == 0, err
    assert "新增 3" in out
    row = CollectiveIncome.objects.get(org=world.village, year=2023)
    assert (row.income_wan, row.main_source) == (Decimal("12.5"), "乡村旅游")
    assert CollectiveIncome.objects.get(org=world.village2).income_wan == Decimal("9.8")


def test_income_export_reimports_with_no_change(world, tmp_path):
    import_file("collective_income", write_xlsx(tmp_path / "i.xlsx", INCOME))
    exported = export_file("collective_income", tmp_path / "export.xlsx")

    assert read_xlsx(exported)[0] == ["所属村", "年度", "集体经济收入(万元)", "主要来源"]
    code, out, _ = import_file("collective_income", exported)
    assert code == 0
    assert "新增 0，更新 0，未变 3" in out


def test_a_years_income_is_updated_by_village_and_year(world, tmp_path):
    import_file("collective_income", write_xlsx(tmp_path / "i.xlsx", INCOME))
    update = [["所属村", "年度", "集体经济收入(万元)"], ["桥湾村", 2023, "13"]]

    code, out, _ = import_file("collective_income", write_xlsx(tmp_path / "u.xlsx", update))

    assert code == 0
    assert "更新 1" in out
    row = CollectiveIncome.objects.get(org=world.village, year=2023)
    assert (row.income_wan, row.main_source) == (Decimal("13"), "乡村旅游")  # absent column kept


INCOME_HEADER = ["所属村", "年度", "集体经济收入(万元)", "主要来源"]


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (["外村", 2023, 12, ""], "[所属村] 外村: 不是宁郭镇的村"),
        (["桥湾村", 23, 12, ""], "[年度] 23: 年度应为 1949–2100 之间的四位数"),
        (["桥湾村", 2023, -1, ""], "[集体经济收入(万元)] -1: 集体经济收入不能为负数"),
        (["桥湾村", 2023, "1.234567", ""], "[集体经济收入(万元)] 1.234567: 最多 4 位小数"),
        (["桥湾村", 2023, "十二万", ""], "[集体经济收入(万元)] 十二万: 应为数字"),
        (["桥湾村", 2022, 5, ""], "[所属村+年度] 桥湾村 / 2022: 与第 2 行重复"),
    ],
)
def test_a_bad_income_row_refuses_the_file(world, tmp_path, bad_row, expected):
    rows = [INCOME_HEADER, ["桥湾村", 2022, 8, ""], bad_row]

    code, _, err = import_file("collective_income", write_xlsx(tmp_path / "bad.xlsx", rows))

    assert code == 1
    assert f"第 3 行 {expected}" in err
    assert not CollectiveIncome.all_objects.exists()


INDICATORS = [
    ["指标", "统计期间", "数据", "计量单位"],
    ["规模以上工业增加值", "2021", 3152, "万元"],
    ["规模以上工业增加值", "２０２２年", "3,420", "万元"],
    ["规模以上工业增加值", "２０２３Ｑ１", "７２６", "万元"],
    ["社会消费品零售总额", "2023q1", 56664, "万元"],
    ["固定资产投资增速", "2023Q1", "8.2%", "%"],
    ["固定资产投资增速", "2023h1", "－１.５％", "%"],
    ["农村居民人均可支配收入", "2023-3", 1520.5, "元"],
    ["农村居民人均可支配收入", dt.date(2023, 4, 1), 1610, "元"],
]


def test_a_messy_indicator_workbook_is_imported_with_canonical_periods(world, tmp_path):
    code, out, err = import_file(
        "indicators", write_xlsx(tmp_path / "x.xlsx", INDICATORS, title="宁郭镇经济指标")
    )

    assert code == 0, err
    assert "新增 8" in out
    stored = {(i.name, i.period): (i.value, i.unit) for i in Indicator.objects.all()}
    assert stored[("规模以上工业增加值", "2022")] == (Decimal("3420"), "万元")
    assert stored[("规模以上工业增加值", "2023Q1")] == (Decimal("726"), "万元")
    assert stored[("社会消费品零售总额", "2023Q1")] == (Decimal("56664"), "万元")
    assert stored[("固定资产投资增速", "2023Q1")] == (Decimal("8.2"), "%")
    assert stored[("固定资产投资增速", "2023H1")] == (Decimal("-1.5"), "%")
    assert stored[("农村居民人均可支配收入", "2023-03")] == (Decimal("1520.5"), "元")
    assert ("农村居民人均可支配收入", "2023-04") in stored
    half = Indicator.objects.get(period="2023H1")
    assert (half.org, half.starts_on, half.ends_on) == (world.town, dt.date(2023, 1, 1), dt.date(2023, 6, 30))


def test_indicator_export_reimports_with_no_change(world, tmp_path):
    import_file("indicators", write_xlsx(tmp_path / "x.xlsx", INDICATORS))
    exported = export_file("indicators", tmp_path / "export.xlsx")

    periods = {row[1] for row in read_xlsx(exported)[1:]}
    assert periods == {"2021", "2022", "2023Q1", "2023H1", "2023-03", "2023-04"}
    code, out, _ = import_file("indicators", exported)
    assert code == 0
    assert "新增 0，更新 0，未变 8" in out


INDICATOR_HEADER = ["指标名称", "期间", "数值", "单位"]


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (["增速", "2023Q5", 1, "%"], "[期间] 2023Q5: 期间格式应为"),
        (["增速", "2023-13", 1, "%"], "[期间] 2023-13: 期间的月份应为 1–12"),
        (["增速", "2023Q1", "8.2%", "万元"], "[数值] 8.2%: 数值带 % 时单位应为 %"),
        (["增速", "2023Q1", "八点二", "%"], "[数值] 八点二: 应为数字"),
        (["增速", "2023Q1", "1.123456", "%"], "[数值] 1.123456: 最多 4 位小数"),
        (["增速", "2023Q1", 1, ""], "[单位] 空: 必填"),
        (["产值", "2023", 1, "万元"], "[指标名称+期间] 产值 / 2023: 与第 2 行重复"),
    ],
)
def test_a_bad_indicator_row_refuses_the_file(world, tmp_path, bad_row, expected):
    rows = [INDICATOR_HEADER, ["产值", "2023", 5, "万元"], bad_row]

    code, _, err = import_file("indicators", write_xlsx(tmp_path / "bad.xlsx", rows))

    assert code == 1
    assert f"第 3 行 {expected}" in err
    assert not Indicator.all_objects.exists()


def test_an_indicator_added_in_the_form_gets_its_period_read_like_an_import(world, client_for):
    data = {
        "name": "规上工业增加值",
        "period": "２０２３ｑ２",
        "value": "800",
        "unit": "万元",
        "org": world.town.pk,
    }

    response = client_for("town_admin").post("/ledgers/indicators/add/", data)

    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.period, indicator.starts_on, indicator.ends_on) == (
        "2023Q2",
        dt.date(2023, 4, 1),
        dt.date(2023, 6, 30),
    )


def test_a_bad_period_in_the_form_is_explained(world, client_for):
    data = {
        "name": "规上工业增加值",
        "period": "2023Q9",
        "value": "800",
        "unit": "万元",
        "org": world.town.pk,
    }

    response = client_for("town_admin").post("/ledgers/indicators/add/", data)

    assert response.status_code == 200
    assert "期间格式应为" in response.content.decode()
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("ledger", "headers"), [("collective_income", INCOME_HEADER), ("indicators", INDICATOR_HEADER)]
)
def test_template_names_every_contract_header(world, tmp_path, ledger, headers):
    from tests.events.support import cli

    code, _, _ = cli("template", ledger, "--out", str(tmp_path / "t.xlsx"))

    assert code == 0
    assert read_xlsx(tmp_path / "t.xlsx")[0] == headers
