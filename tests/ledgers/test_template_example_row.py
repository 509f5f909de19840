"""The template's example row left in a file is imported like any row (real data may equal it), and
the import warns about it, so that the browser's preview shows it before anything is written."""

import pytest

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, run, write_xlsx
from xiangzhi.care.models import Matter
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user

pytestmark = pytest.mark.django_db

WARNED = "第 2 行与模板的示例行相同：如果它不是真实数据，请删除该行后重新导入"


@pytest.mark.parametrize("ledger", [ledger.name for ledger in all_ledgers()])
def test_every_template_example_row_is_recognised(world, tmp_path, ledger):
    path = tmp_path / "template.xlsx"
    assert run("template", ledger, "--out", str(path)).code == 0

    report = import_file(
        get_ledger(ledger), path, path.name, town=world.town, acting_user=system_user(), dry_run=True
    )

    assert WARNED in report.warnings


def test_an_untouched_template_imports_its_example_as_a_record_with_the_warning(world, tmp_path):
    # The matters example (SS-2023-01 in 桥湾村) resolves in the test world.
    path = tmp_path / "matters.xlsx"
    assert run("template", "matters", "--out", str(path)).code == 0

    result = import_cli("matters", path)

    assert result.code == 0, result.err
    assert WARNED in result.err
    assert list(Matter.objects.values_list("matter_no", flat=True)) == ["SS-2023-01"]


def test_a_row_that_differs_from_the_example_in_one_cell_is_not_warned_about(world, tmp_path):
    path = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household()])

    result = import_cli("households", path)

    assert result.code == 0, result.err
    assert "示例行" not in result.err
