"""A good org file creates the tree with history; importing it again changes nothing; export round-trips."""

import openpyxl
import pytest
from django.db import connection

from tests.core.orgfiles import GOOD_ROWS, run_command, write_orgs
from xiangzhi.core.models import OrgLevel, OrgUnit

pytestmark = pytest.mark.django_db


def _import(path) -> str:
    code, out, err = run_command("import", "orgs", str(path))
    assert code == 0, err
    return out


def _tree() -> list[tuple]:
    """The tree as (code, name, level, parent code), independent of internal paths and keys."""
    units = list(OrgUnit.objects.order_by("path"))
    code_by_path = {u.path: u.code for u in units}
    return sorted((u.code, u.name, u.level, code_by_path.get(u.path[: -OrgUnit.steplen])) for u in units)


def _parent_code(code: str) -> str:
    return OrgUnit.objects.get_parent(OrgUnit.objects.get(code=code)).code


def test_good_file_creates_the_tree(tmp_path):
    out = _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    assert "共 9 行，新增 9，更新 0，未变 0" in out
    assert _tree() == sorted(
        (code, name, {label: v for v, label in OrgLevel.choices}[level], parent or None)
        for code, name, level, parent in GOOD_ROWS
    )
    village = OrgUnit.objects.get(code="410811101210")
    assert [u.code for u in OrgUnit.objects.get_ancestors(village)] == ["41", "4108", "410811", "410811101"]
    assert OrgUnit.objects.get_descendant_count(village) == 2


def test_children_may_come_before_their_parents_in_the_file(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", list(reversed(GOOD_ROWS))))
    assert _parent_code("41081110121001") == "410811101210"


def test_every_created_unit_has_a_creation_history_entry(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    created = OrgUnit.history.filter(history_type="+")
    assert sorted(created.values_list("code", flat=True)) == sorted(row[0] for row in GOOD_ROWS)
    assert set(created.values_list("history_change_reason", flat=True)) == {"导入 orgs.xlsx"}


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS)
    _import(path)
    before = (_tree(), OrgUnit.history.count())
    out = _import(path)
    assert "新增 0，更新 0，未变 9" in out
    assert (_tree(), OrgUnit.history.count()) == before


def test_reimport_renames_a_unit_and_records_it(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    renamed = [
        row if row[0] != "410811101211" else ["410811101211", "马村（新）", "村", "410811101"]
        for row in GOOD_ROWS
    ]
    out = _import(write_orgs(tmp_path / "renamed.xlsx", renamed))
    assert "更新 1，未变 8" in out
    latest = OrgUnit.objects.get(code="410811101211").history.first()
    assert (latest.history_type, latest.name, latest.history_change_reason) == (
        "~",
        "马村（新）",
        "导入 renamed.xlsx",
    )


def test_a_file_may_add_units_under_existing_ones(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    out = _import(write_orgs(tmp_path / "more.xlsx", [["410811101212", "张庄村", "村", "410811101"]]))
    assert "新增 1" in out
    assert _parent_code("410811101212") == "410811101"


def _empty_the_org_tables() -> None:
    """Plain SQL: a model delete() would walk every ledger table that points at OrgUnit."""
    with connection.cursor() as cursor:
        for model in (OrgUnit.history.model, OrgUnit):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def test_export_reimports_into_an_empty_database_as_the_same_tree(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    original = _tree()
    out_path = tmp_path / "export.xlsx"
    code, _, err = run_command("export", "orgs", "--town", "宁郭镇", "--out", str(out_path))
    assert code == 0, err
    _empty_the_org_tables()
    assert OrgUnit.objects.count() == 0
    _import(out_path)
    assert _tree() == original


def test_export_then_import_over_the_same_database_changes_nothing(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    out_path = tmp_path / "export.xlsx"
    assert run_command("export", "orgs", "--town", "410811101", "--out", str(out_path))[0] == 0
    history = OrgUnit.history.count()
    assert "新增 0，更新 0，未变 9" in _import(out_path)
    assert OrgUnit.history.count() == history


def test_export_uses_the_template_headers_and_chinese_levels(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    out_path = tmp_path / "export.xlsx"
    run_command("export", "orgs", "--town", "宁郭镇", "--out", str(out_path))
    rows = [list(r) for r in openpyxl.load_workbook(out_path).active.iter_rows(values_only=True)]
    header_index = next(i for i, r in enumerate(rows) if r[:4] == ["编码", "名称", "层级", "上级编码"])
    levels = {r[2] for r in rows[header_index + 1 :] if r[0]}
    assert levels == {"省", "市", "县", "乡镇", "村", "网格"}


def test_export_leaves_out_deleted_units(tmp_path):
    _import(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS))
    OrgUnit.objects.filter(code="41081110121101").update(deleted_at="2024-01-01T00:00:00+08:00")
    out_path = tmp_path / "export.xlsx"
    run_command("export", "orgs", "--town", "宁郭镇", "--out", str(out_path))
    codes = {r[0] for r in openpyxl.load_workbook(out_path).active.iter_rows(values_only=True)}
    assert "41081110121101" not in codes
    assert "410811101211" in codes


def test_numeric_code_cells_are_read_as_codes(tmp_path):
    rows = [[41, "河南省", "省", None], [4108, "焦作市", "市", 41]]
    _import(write_orgs(tmp_path / "orgs.xlsx", rows))
    assert _parent_code("4108") == "41"
