"""CONTRACT §2 formats through `xiangzhi import`: .xlsx and .csv in UTF-8, UTF-8 with BOM and GB18030
go in; anything else is refused in one Chinese line with exit code 1 and nothing written."""

import zipfile

import pytest

from tests.ledgers.support import (
    HOUSEHOLD_HEADERS,
    NOTHING,
    counts,
    household,
    import_cli,
    valid_id,
    write_csv,
    write_xlsx,
)
from xiangzhi.care.models import Household

pytestmark = pytest.mark.django_db

ROWS = [household(), household(户编号="NG-002", 户主姓名="王五", 户主身份证号=valid_id(2))]


def _assert_imported() -> None:
    assert sorted(Household.objects.values_list("household_no", "head_name")) == [
        ("NG-001", "张三"),
        ("NG-002", "王五"),
    ]


def test_an_xlsx_ledger_imports(world, tmp_path):
    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, ROWS))

    assert result.code == 0, result.err
    assert "导入完成：共 2 行，新增 2" in result.out
    _assert_imported()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_ledger_imports_in_each_encoding_excel_writes(world, tmp_path, encoding):
    path = write_csv(tmp_path / "h.csv", HOUSEHOLD_HEADERS, ROWS, encoding)

    result = import_cli("households", path)

    assert result.code == 0, result.err
    _assert_imported()
    assert Household.objects.get(household_no="NG-001").categories == ["低保户"]


def test_a_gb18030_file_is_really_not_utf8(tmp_path):
    # Guards the test above: the file must exercise the GB18030 branch, not pass as UTF-8.
    path = write_csv(tmp_path / "h.csv", HOUSEHOLD_HEADERS, ROWS, "gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")


def _zip(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


REFUSED = [
    ("random.xlsx", lambda p: p.write_bytes(bytes(range(256)) * 40), "文件格式无法识别"),
    (
        "old.xlsx",
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048),
        "不支持旧版 .xls",
    ),
    ("archive.xlsx", _zip, "这是一个压缩包而不是 Excel 表格"),
    ("empty.csv", lambda p: p.write_bytes(b""), "文件为空"),
    ("blank.csv", lambda p: p.write_bytes(b"\r\n\r\n"), "文件为空"),
    ("wrong.csv", lambda p: p.write_text("姓名,年龄\n张三,3\n", encoding="utf-8"), "找不到表头"),
]


@pytest.mark.parametrize(("name", "make", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_is_not_a_ledger_is_refused_in_one_line(world, tmp_path, name, make, message):
    path = tmp_path / name
    make(path)

    result = import_cli("households", path)

    assert result.code == 1
    assert message in result.err_lines[0]
    assert len(result.err_lines) == 1
    assert "Traceback" not in result.err
    assert counts() == NOTHING


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(world, tmp_path):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: as large as the limit allows, plus one byte

    result = import_cli("households", path)

    assert result.code == 1
    assert result.err_lines == ["文件过大：huge.xlsx 为 50.0 MB，超过上限 50.0 MB"]
    assert counts() == NOTHING


def test_a_file_with_more_rows_than_the_limit_is_refused(world, tmp_path, settings):
    settings.XIANGZHI_IMPORT_LIMITS = {"max_rows": 2}
    rows = [household(户编号=f"NG-{n}", 户主身份证号=f"{n}") for n in range(3)]

    result = import_cli("households", write_csv(tmp_path / "h.csv", HOUSEHOLD_HEADERS, rows, "utf-8"))

    assert result.code == 1
    assert result.err_lines == ["行数过多：超过上限 2 行，请拆分文件后分批导入"]
    assert counts() == NOTHING


def test_a_file_with_more_columns_than_the_limit_is_refused(world, tmp_path, settings):
    settings.XIANGZHI_IMPORT_LIMITS = {"max_columns": 12}
    headers = [*HOUSEHOLD_HEADERS, "备注"]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", headers, ROWS))

    assert result.code == 1
    assert result.err_lines == ["列数过多：13 列，超过上限 12 列"]
    assert counts() == NOTHING


def test_a_missing_file_is_refused(world, tmp_path):
    result = import_cli("households", tmp_path / "nowhere.xlsx")

    assert result.code == 1
    assert "文件不存在" in result.err
