"""``xiangzhi import orgs FILE`` refuses a bad file with exit code 1, names the row, writes nothing."""

import pytest

from tests.core.orgfiles import GOOD_ROWS, run_command, write_orgs
from xiangzhi.core.models import OrgUnit

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[int, int]:
    return OrgUnit.objects.count(), OrgUnit.history.count()


def _refused(tmp_path, rows, *, title=None) -> str:
    """Import ``rows``; assert the CONTRACT refusal (exit 1, nothing written); return stderr."""
    before = _snapshot()
    path = write_orgs(tmp_path / "orgs.xlsx", rows, title=title)
    code, _, err = run_command("import", "orgs", str(path))
    assert code == 1
    assert _snapshot() == before
    assert "未写入任何数据" in err
    assert "Traceback" not in err
    return err


def test_cycle_is_refused_naming_both_rows(tmp_path):
    rows = [
        *GOOD_ROWS,
        ["G1", "甲网格", "网格", "G2"],  # row 11
        ["G2", "乙网格", "网格", "G1"],  # row 12
    ]
    err = _refused(tmp_path, rows)
    assert "第 11 行 [上级编码] G2: 上级关系形成循环" in err
    assert "第 12 行 [上级编码] G1: 上级关系形成循环" in err


def test_longer_cycle_is_refused(tmp_path):
    rows = [["A", "甲", "网格", "C"], ["B", "乙", "网格", "A"], ["C", "丙", "网格", "B"]]
    err = _refused(tmp_path, rows)
    for number in (2, 3, 4):
        assert f"第 {number} 行 [上级编码]" in err
    assert "循环" in err


def test_unit_that_is_its_own_parent_is_refused(tmp_path):
    err = _refused(tmp_path, [*GOOD_ROWS, ["G1", "甲网格", "网格", "G1"]])
    assert "第 11 行 [上级编码] G1: 上级不能是自己" in err


def test_unknown_parent_is_refused(tmp_path):
    rows = [*GOOD_ROWS, ["410811101299", "无名村", "村", "410811199"]]
    err = _refused(tmp_path, rows)
    assert "第 11 行 [上级编码] 410811199: 上级编码不存在" in err


def test_code_repeated_within_the_file_is_refused(tmp_path):
    rows = [*GOOD_ROWS, ["410811101210", "桥湾新村", "村", "410811101"]]
    err = _refused(tmp_path, rows)
    assert "第 11 行 [编码] 410811101210: 与第 6 行重复" in err


def test_village_under_a_grid_is_refused(tmp_path):
    rows = [*GOOD_ROWS, ["410811101299", "错位村", "村", "41081110121001"]]
    err = _refused(tmp_path, rows)
    assert "第 11 行 [层级] 村: 村不能设在网格之下" in err


def test_town_without_a_county_is_allowed_but_a_village_without_a_town_is_not(tmp_path):
    err = _refused(tmp_path, [["410811101299", "孤村", "村", ""]])
    assert "第 2 行 [层级] 村: 村必须有上级" in err


def test_unknown_level_is_refused(tmp_path):
    err = _refused(tmp_path, [*GOOD_ROWS, ["X1", "某片区", "片区", "410811101"]])
    assert "第 11 行 [层级] 片区" in err


def test_missing_name_is_refused(tmp_path):
    err = _refused(tmp_path, [*GOOD_ROWS, ["410811101299", "", "村", "410811101"]])
    assert "第 11 行 [名称]" in err


def test_relevelling_an_existing_unit_is_refused(tmp_path):
    assert run_command("import", "orgs", str(write_orgs(tmp_path / "first.xlsx", GOOD_ROWS)))[0] == 0
    rows = [*GOOD_ROWS[:-1], ["41081110121101", "马村第1网格", "村", "410811101"]]
    err = _refused(tmp_path, rows)
    assert "第 10 行 [编码] 41081110121101: 该编码的单位已存在，导入不能改变它的层级或上级" in err


def test_moving_an_existing_unit_to_another_parent_is_refused(tmp_path):
    assert run_command("import", "orgs", str(write_orgs(tmp_path / "first.xlsx", GOOD_ROWS)))[0] == 0
    rows = [*GOOD_ROWS[:-1], ["41081110121101", "马村第1网格", "网格", "410811101210"]]
    err = _refused(tmp_path, rows)
    assert "第 10 行 [编码] 41081110121101" in err


def test_row_numbers_count_the_title_row_the_user_sees(tmp_path):
    rows = [*GOOD_ROWS, ["410811101299", "无名村", "村", "410811199"]]
    err = _refused(tmp_path, rows, title="宁郭镇组织机构表")
    assert "第 12 行 [上级编码] 410811199" in err


def test_every_error_of_the_file_is_reported_at_once(tmp_path):
    rows = [
        *GOOD_ROWS,
        ["410811101299", "无名村", "村", "410811199"],
        ["410811101298", "错位村", "村", "41081110121001"],
    ]
    err = _refused(tmp_path, rows)
    assert "第 11 行" in err
    assert "第 12 行" in err
    assert "共 2 处错误" in err


def test_not_a_spreadsheet_is_one_chinese_line(tmp_path):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(b"\x00\x01 not a workbook")
    code, _, err = run_command("import", "orgs", str(path))
    assert code == 1
    assert OrgUnit.objects.count() == 0
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_is_refused(tmp_path):
    code, _, err = run_command("import", "orgs", str(tmp_path / "nope.xlsx"))
    assert code == 1
    assert "文件不存在" in err


def test_dry_run_writes_nothing(tmp_path):
    path = write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS)
    code, out, _ = run_command("import", "orgs", str(path), "--dry-run")
    assert code == 0
    assert "校验通过（未写入）" in out
    assert _snapshot() == (0, 0)


def test_two_villages_of_one_town_under_one_name_are_refused(tmp_path):
    rows = [*GOOD_ROWS, ["410811101299", "桥湾村", "村", "410811101"]]  # row 11

    err = _refused(tmp_path, rows)

    assert "第 11 行 [名称] 桥湾村: 与第 6 行属于同一上级且同名" in err


def test_a_new_village_under_the_name_of_a_stored_one_is_refused(tmp_path):
    assert run_command("import", "orgs", str(write_orgs(tmp_path / "a.xlsx", GOOD_ROWS)))[0] == 0
    rows = [["410811101299", "桥湾村", "村", "410811101"]]

    err = _refused(tmp_path, rows)

    assert "上级单位下已有同名单位（编码 410811101210）" in err


def test_two_grids_of_different_villages_may_share_a_name(tmp_path):
    rows = [*GOOD_ROWS, ["41081110121102", "第1网格", "网格", "410811101211"]]
    rows.append(["41081110121002", "第1网格", "网格", "410811101210"])

    assert run_command("import", "orgs", str(write_orgs(tmp_path / "o.xlsx", rows)))[0] == 0
