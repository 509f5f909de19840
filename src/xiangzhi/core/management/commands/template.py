"""``xiangzhi template LEDGER --out FILE.xlsx``: headers, one example row and a 说明 sheet."""

from xiangzhi.core.management.base import XiangzhiCommand
from xiangzhi.core.management.ledger_names import ledger_or_fail
from xiangzhi.core.management.output import output_file, require_suffix
from xiangzhi.core.services.org_import import ORG_SHEET
from xiangzhi.core.tabular import write_template


class Command(XiangzhiCommand):
    help = "生成台账的空白模板"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账名称，如 households")
        parser.add_argument("--out", required=True, metavar="FILE.xlsx", help="写入的 .xlsx 文件")

    def handle(self, *args, ledger, out, **options):
        sheet = ORG_SHEET if ledger == "orgs" else ledger_or_fail(ledger).sheet
        require_suffix(out, ".xlsx", "模板")
        with output_file(out) as handle:
            write_template(sheet, handle)
        self.stdout.write(f"已生成模板：{out}")
