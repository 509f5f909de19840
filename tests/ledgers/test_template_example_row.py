"""The template's example row, left in a file unchanged, is skipped with a warning instead of being
imported as a record (张三 NG-001 in the households, 桥湾村 renamed by the orgs template …)."""

import openpyxl
import pytest

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, run, write_xlsx
from xiangzhi.care.models import Household
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import OrgUnit

pytestmark = pytest.mark.django_db

SKIPPED = "第 2 行与模板的示例行相同，已跳过（示例行不导入）"


@pytest.mark.parametrize("ledger", [ledger.name for ledger in all_ledgers()])
def test_an_untouched_template_imports_nothing_and_says_why(world, tmp_path, ledger):
    path = tmp_path / "template.xlsx"
    assert run("template", ledger, "--out", str(path)).code == 0
    declaration = get_ledger(ledger)
    before = declaration.model.all_objects.count()

    report = import_file(declaration, path, path.name, town=world.town, acting_user=world.users["town_admin"])

    assert report.ok, [str(error) for error in report.errors]
    assert (report.total, report.created, report.updated) == (0, 0, 0)
    assert SKIPPED in report.warnings
    assert declaration.model.all_objects.count() == before


def test_rows_below_the_example_are_imported_and_the_example_is_not(world, tmp_path):
    path = tmp_path / "households.xlsx"
    assert run("template", "households", "--out", str(path)).code == 0
    example = dict(zip(_row(path, 1), _row(path, 2), strict=True))
    filled = write_xlsx(tmp_path / "filled.xlsx", HOUSEHOLD_HEADERS, [example, household(户编号="QW-7")])

    result = import_cli("households", filled)

    assert result.code == 0, result.err
    assert SKIPPED in result.out + result.err
    assert list(Household.objects.values_list("household_no", flat=True)) == ["QW-7"]


def test_a_row_that_differs_from_the_example_in_one_cell_is_a_record(world, tmp_path):
    path = tmp_path / "households.xlsx"
    assert run("template", "households", "--out", str(path)).code == 0
    row = dict(zip(_row(path, 1), _row(path, 2), strict=True))
    row.update(联系电话="13900002222", 网格="村0网格")
    filled = write_xlsx(tmp_path / "filled.xlsx", list(row), [row])

    assert import_cli("households", filled).code == 0
    assert Household.objects.count() == 1


def test_the_orgs_template_imported_unchanged_renames_nothing(world, tmp_path):
    path = tmp_path / "orgs.xlsx"
    assert run("template", "orgs", "--out", str(path)).code == 0
    names = dict(OrgUnit.objects.values_list("code", "name"))

    result = run("import", "orgs", str(path))

    assert result.code == 0, result.err
    assert SKIPPED in result.out + result.err
    assert dict(OrgUnit.objects.values_list("code", "name")) == names


def _row(path, number: int) -> list:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [cell.value for cell in sheet[number]]
