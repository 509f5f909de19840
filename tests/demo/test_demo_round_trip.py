"""Every ledger of the demo town, exported and imported back, changes nothing: a township can keep
its ledgers in Excel between imports without the system moving or rewriting a record."""

import io

import pytest

from xiangzhi.core.ledgers import all_ledgers
from xiangzhi.core.ledgers.exporter import Reader, export_records
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import OrgUnit, system_user
from xiangzhi.core.services.org_import import ORG_SHEET, import_orgs
from xiangzhi.core.tabular import write_template

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ledger", all_ledgers(), ids=lambda ledger: ledger.name)
def test_an_exported_ledger_imports_back_unchanged(demo_db, ledger):
    records = ledger.model.objects.filter(town=demo_db)
    exported = io.BytesIO()
    export_records(ledger, records, exported, root=demo_db, reader=Reader.operator())
    exported.seek(0)

    report = import_file(
        ledger, exported, f"{ledger.name}.xlsx", town=demo_db, acting_user=system_user(), dry_run=True
    )

    assert [str(error) for error in report.errors] == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, records.count())


def test_the_orgs_template_imported_unchanged_changes_nothing_in_the_demo(demo_db, tmp_path):
    # Its example row is the demo's own 桥湾村 (it used to carry 宁郭村's code and rename it).
    path = tmp_path / "orgs.xlsx"
    with path.open("wb") as out:
        write_template(ORG_SHEET, out)
    before = list(OrgUnit.objects.values_list("code", "name", "path"))

    report = import_orgs(path, path.name, acting_user=system_user(), dry_run=True)

    assert report.ok, [str(error) for error in report.errors]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert list(OrgUnit.objects.values_list("code", "name", "path")) == before
