"""CONTRACT §2: a 身份证号 is never printed in full — not in the summary, not in errors, not in the logs
(masked as 410802********1234) — whatever goes wrong with the row that holds it."""

import logging

import pytest
from django.conf import settings

from tests.ledgers.support import (
    FULL_ID,
    HOUSEHOLD_HEADERS,
    household,
    import_cli,
    read_xlsx,
    valid_id,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

IDS = [valid_id(n) for n in range(1, 6)]
MEMBER_HEADERS = ["户编号", "姓名", "身份证号", "与户主关系"]


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)  # every logger, SQL included
    # The CLI's own logger writes to its file instead of propagating: listen to it too.
    cli = logging.getLogger("xiangzhi.cli")
    cli.addHandler(caplog.handler)
    yield caplog
    cli.removeHandler(caplog.handler)


def _assert_no_full_id(result, logs) -> None:
    for text in (result.out, result.err, logs.text):
        assert not FULL_ID.search(text), text


def test_a_successful_import_prints_no_id_number(world, tmp_path, all_logs):
    rows = [household(户编号=f"NG-{n}", 户主身份证号=id_number) for n, id_number in enumerate(IDS)]

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows))

    assert result.code == 0
    _assert_no_full_id(result, all_logs)


def test_refused_rows_show_their_id_numbers_masked(world, tmp_path, all_logs):
    bad_check_digit = IDS[0][:-1] + ("0" if IDS[0][-1] != "0" else "1")
    rows = [
        household(户编号="NG-1", 户主身份证号=bad_check_digit),
        household(户编号="NG-2", 户主身份证号=IDS[1], 所属村="外村"),
        household(户编号="NG-3", 户主身份证号=IDS[2], 户主姓名=f"张三{IDS[3]}"),  # an ID typed into a name
        household(户编号="NG-4", 户主身份证号=IDS[4], 退出日期="2020-01-01", 退出原因="迁出"),
        household(户编号="NG-5", 户主身份证号=float(IDS[4][:-1])),  # an ID stored as a number by Excel
    ]
    out = tmp_path / "errors.xlsx"

    result = import_cli(
        "households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows), "--errors", str(out)
    )

    assert result.code == 1
    assert f"410802********{bad_check_digit[-4:]}" in result.err
    assert len(result.err_lines) >= 5
    _assert_no_full_id(result, all_logs)


def test_duplicate_members_are_reported_with_masked_numbers(world, tmp_path, all_logs):
    import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household()]))
    rows = [
        {"户编号": "NG-001", "姓名": "甲", "身份证号": IDS[2], "与户主关系": "子女"},
        {"户编号": "NG-001", "姓名": "乙", "身份证号": IDS[2], "与户主关系": "子女"},
    ]

    result = import_cli("members", write_xlsx(tmp_path / "m.xlsx", MEMBER_HEADERS, rows))

    assert result.code == 1
    assert f"410802********{IDS[2][-4:]}: 与第 2 行重复" in result.err
    _assert_no_full_id(result, all_logs)


def test_a_system_error_logs_no_id_number(world, tmp_path, all_logs, monkeypatch):
    from xiangzhi.core.ledgers import writer

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer.ChunkWriter, "flush", broken)

    result = import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household()]))

    assert result.code == 1
    assert result.err_lines == [f"系统错误，未写入任何数据。详细信息已记入日志 {settings.CLI_LOG_FILE}"]
    assert "disk full" in all_logs.text
    _assert_no_full_id(result, all_logs)


def test_the_error_workbook_holds_the_id_numbers_of_the_rows_with_an_error_only(world, tmp_path):
    rows = [household(户编号=f"NG-{n}", 户主身份证号=id_number) for n, id_number in enumerate(IDS)]
    rows[2]["家庭人口"] = "两口"
    out = tmp_path / "errors.xlsx"

    result = import_cli(
        "households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, rows), "--errors", str(out)
    )

    assert result.code == 1
    cells = [value for row in read_xlsx(out) for value in row if value is not None]
    assert [value for value in cells if FULL_ID.fullmatch(str(value))] == [IDS[2]]
