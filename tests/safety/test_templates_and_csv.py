"""The public contract of the safety ledgers: template headers as CONTRACT §3 lists them, and CSV input."""

import io

import pytest
from django.core.management import call_command

from tests.safety.conftest import read_workbook
from tests.safety.factories import make_inspection
from xiangzhi.safety.models import Hazard, Inspection, Premises

pytestmark = pytest.mark.django_db

CONTRACT_HEADERS = {
    "premises": ["场所编号", "名称", "类型", "细分类", "所属村", "地址", "负责人", "联系电话"],
    "inspections": ["排查编号", "场所编号", "排查日期", "出动人次", "检查人员"],
    "hazards": [
        "隐患编号",
        "排查编号",
        "隐患类别",
        "隐患描述",
        "隐患等级",
        "整改期限",
        "整改责任人",
        "整改状态",
        "整改完成日期",
        "复查人",  # CONTRACT v1.2, optional
        "复查日期",
    ],
}


@pytest.mark.parametrize("ledger", CONTRACT_HEADERS)
def test_template_has_the_contract_headers(tmp_path, ledger):
    out = tmp_path / f"{ledger}.xlsx"

    call_command("template", ledger, "--out", str(out), stdout=io.StringIO())

    header = [str(cell).rstrip("*") for cell in read_workbook(out)[0]]
    assert header == CONTRACT_HEADERS[ledger]


def test_filled_in_templates_import_in_order(importer, world, tmp_path):
    """The example rows of the three templates chain up: premises → inspection → hazard."""
    for ledger, model in (("premises", Premises), ("inspections", Inspection), ("hazards", Hazard)):
        out = tmp_path / f"{ledger}.xlsx"
        call_command("template", ledger, "--out", str(out), stdout=io.StringIO())

        code, _, err = importer.cli(ledger, out)

        assert code == 0, err
        assert model.objects.count() == 1
    assert Hazard.objects.get().inspection.premises.org == world.village


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_csv_saved_by_excel_is_imported(importer, world, tmp_path, encoding):
    make_inspection(world.grid, inspection_no="PC001")
    path = tmp_path / "hazards.csv"
    lines = [
        "隐患编号,排查编号,隐患类别,隐患描述,隐患等级,整改期限,整改状态,整改完成日期",
        "YH001,PC001,电气线路,插座烧焦,一般,2023年7月20日,已整改,2023/7/19",
    ]
    path.write_bytes("\r\n".join(lines).encode(encoding))

    code, _, err = importer.cli("hazards", path)

    assert code == 0, err
    assert Hazard.objects.get().description == "插座烧焦"
