"""Every ledger of the demo town, exported and imported back, changes nothing: a township can keep
its ledgers in Excel between imports without the system moving or rewriting a record."""

import io

import pytest

from xiangzhi.core.ledgers import all_ledgers
from xiangzhi.core.ledgers.exporter import export_records
from xiangzhi.core.ledgers.importer import import_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ledger", all_ledgers(), ids=lambda ledger: ledger.name)
def test_an_exported_ledger_imports_back_unchanged(demo_db, ledger):
    records = ledger.model.objects.filter(town=demo_db)
    exported = io.BytesIO()
    export_records(ledger, records, exported, root=demo_db)
    exported.seek(0)

    report = import_file(ledger, exported, f"{ledger.name}.xlsx", town=demo_db, dry_run=True)

    assert [str(error) for error in report.errors] == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, records.count())
