"""`xiangzhi import` options and usage (CONTRACT §1–§2): --dry-run writes nothing, --errors writes the
rows back with a 错误 column, and usage errors exit with code 2."""

import openpyxl
import pytest

from tests.ledgers.support import (
    HOUSEHOLD_HEADERS,
    NOTHING,
    counts,
    household,
    import_cli,
    read_xlsx,
    run,
    valid_id,
    write_csv,
    write_xlsx,
)
from xiangzhi.core.models import OrgLevel, OrgUnit

pytestmark = pytest.mark.django_db

GOOD = [household(), household(户编号="NG-002", 户主身份证号=valid_id(2))]


def test_a_dry_run_checks_everything_and_writes_nothing(world, tmp_path):
    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, GOOD), "--dry-run")

    assert result.code == 0, result.err
    assert "校验通过（未写入）：共 2 行，新增 2，更新 0，未变 0" in result.out
    assert counts() == NOTHING


def test_a_dry_run_of_a_bad_file_exits_1(world, tmp_path):
    rows = [*GOOD, household(户编号="NG-3", 所属村="外村")]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows), "--dry-run")

    assert result.code == 1
    assert "第 4 行 [所属村] 外村: 不是宁郭镇的村" in result.err
    assert counts() == NOTHING


def test_the_error_workbook_has_the_rows_at_their_numbers_and_an_error_column(world, tmp_path):
    rows = [GOOD[0], household(户编号="NG-2", 纳入日期="2023-13-01"), GOOD[1]]
    path = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows, title="宁郭镇困难群体台账")
    out = tmp_path / "errors.xlsx"

    result = import_cli("households", path, "--errors", str(out))

    assert result.code == 1
    assert f"已把出错的行写入 {out}" in result.err
    sheet = read_xlsx(out)
    assert sheet[1] == [*HOUSEHOLD_HEADERS, "错误"]
    assert sheet[3][0] == "NG-2"
    assert sheet[3][-1] == "第 4 行 [纳入日期] 2023-13-01: 日期不存在：月份应为 1–12，不是 13"
    assert len(sheet[2]) == len(HOUSEHOLD_HEADERS) or sheet[2][-1] is None
    assert counts() == NOTHING


def test_the_error_workbook_of_a_csv_is_an_xlsx_too(world, tmp_path):
    rows = [household(家庭人口="三口")]
    out = tmp_path / "errors.xlsx"

    import_cli(
        "households", write_csv(tmp_path / "h.csv", HOUSEHOLD_HEADERS, rows, "gb18030"), "--errors", str(out)
    )

    assert read_xlsx(out)[1][-1] == "第 2 行 [家庭人口] 三口: 应为整数，如 3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "nonsense", "f.xlsx", "--town", "宁郭镇"), "没有名为「nonsense」的台账"),
        (("import", "households", "f.xlsx", "--town", "不存在镇"), "找不到乡镇「不存在镇」"),
        (("import", "households", "f.xlsx"), "请用 --town 指定乡镇"),
        (("export", "visits", "--town", "不存在镇", "--out", "o.xlsx"), "找不到乡镇「不存在镇」"),
        (("template", "nonsense", "--out", "o.xlsx"), "没有名为「nonsense」的台账"),
    ],
)
def test_usage_errors_exit_with_code_2(world, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "f.xlsx", HOUSEHOLD_HEADERS, GOOD)

    result = run(*args)

    assert result.code == 2
    assert message in result.err
    assert counts() == NOTHING


def test_the_template_has_the_contract_headers_an_example_and_explanations(tmp_path):
    out = tmp_path / "t.xlsx"

    assert run("template", "households", "--out", str(out)).code == 0

    book = openpyxl.load_workbook(out)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == HOUSEHOLD_HEADERS
    assert rows[1][0] == "NG-QW-001"
    assert book.sheetnames[1] == "说明"


def test_every_care_template_imports_as_its_example_row(world, tmp_path):
    # The example rows are valid rows of the demo town, whose 桥湾村 has a 桥湾村第1网格; in this
    # order each example refers to the household of the first.
    OrgUnit.objects.add_child(world.village, dict(code="QW-G1", name="桥湾村第1网格", level=OrgLevel.GRID))
    for ledger in ("households", "members", "visits", "problems", "matters"):
        out = tmp_path / f"{ledger}.xlsx"
        run("template", ledger, "--out", str(out))

        result = import_cli(ledger, out)

        assert result.code == 0, (ledger, result.err)
        assert "新增 1" in result.out
