"""A number too long for its column is a row error like any other, on the command line and in the
browser: never "系统错误" and never the whole import lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.ledgers.support import (
    HOUSEHOLD_HEADERS,
    NOTHING,
    counts,
    household,
    import_cli,
    valid_id,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (HUGE, "第 2 行 [家庭人口]"),
        ("9" * 16, "第 2 行 [家庭人口] 9999999999999999"),
        (1e300, "第 2 行 [家庭人口]"),
    ],
    ids=["5000-digits", "16-digits", "huge-float-cell"],
)
def test_a_family_size_too_long_for_its_column_is_a_row_error_on_the_cli(world, tmp_path, cell, shown):
    rows = [household(家庭人口=cell), household(户编号="NG-002", 户主身份证号=valid_id(2))]
    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows))

    assert result.code == 1
    assert "系统错误" not in result.err
    assert result.err_lines[-1] == "共 1 处错误，未写入任何数据。", result.err
    line = result.err_lines[-2]
    assert line.startswith(shown) and line.endswith("数值过大")
    assert counts() == NOTHING


def test_a_family_size_beyond_the_database_integer_is_too_large_not_a_limit_in_digits(world, tmp_path):
    result = import_cli(
        "households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(家庭人口="9" * 12)])
    )

    assert result.code == 1
    assert result.err_lines[-2] == "第 2 行 [家庭人口] 999999999999: 数值过大"


def test_a_cleanup_volume_too_long_for_its_column_is_too_large(world, tmp_path):
    headers = ["记录编号", "所属村", "清理日期", "清理类型", "清理量（立方米）"]
    row = {"记录编号": "QL-1", "所属村": "桥湾村", "清理日期": "2023-05-01", "清理类型": "生活垃圾"}
    path = write_xlsx(tmp_path / "c.xlsx", headers, [{**row, "清理量（立方米）": "9" * 40}])

    result = import_cli("cleanups", path)

    assert result.code == 1
    assert result.err_lines[-2].endswith("数值过大")
    assert "[清理量(立方米)]" in result.err_lines[-2]


def test_a_5000_digit_family_size_is_a_row_error_in_the_browser(client_for, world, tmp_path):
    path = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(家庭人口=HUGE)])
    upload = SimpleUploadedFile("困难群体台账.xlsx", path.read_bytes())

    client = client_for("town_admin")
    page = client.post(reverse("ledger-import", args=["households"]), {"file": upload}, follow=True)

    html = page.content.decode()
    assert page.status_code == 200
    assert "数值过大" in html and "第 2 行" in html
    assert "系统错误" not in html
    assert counts() == NOTHING


@pytest.mark.parametrize(("size", "message"), [("99999", "数值过大"), ("9" * 5000, "输入整数。")])
def test_the_form_refuses_a_family_size_too_large_for_every_database(client_for, world, size, message):
    # SQLite would store 99999 in the small-integer column; PostgreSQL would refuse it at the INSERT.
    data = {
        "household_no": "NG-001",
        "org": world.grid.pk,
        "head_name": "张三",
        "head_id_number": valid_id(1),
        "size": size,
        "categories": ["低保户"],
        "enrolled_on": "2023-01-05",
    }
    response = client_for("town_admin").post(reverse("ledger-create", args=["households"]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["size"] == [message]
    assert counts() == NOTHING
