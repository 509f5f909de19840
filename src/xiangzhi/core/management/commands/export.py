"""``xiangzhi export LEDGER --town TOWN --out FILE.xlsx``: the ledger in its template layout."""

from xiangzhi.core.ledgers.exporter import Reader, export_records
from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed, XiangzhiCommand, find_town
from xiangzhi.core.management.ledger_names import ledger_or_fail
from xiangzhi.core.management.output import output_file, require_suffix
from xiangzhi.core.models import system_user
from xiangzhi.core.services.org_import import export_orgs


class Command(XiangzhiCommand):
    help = "按模板格式导出一个乡镇的台账（可再次导入）"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账名称，如 households")
        parser.add_argument("--town", help="乡镇名称或编码")
        parser.add_argument("--out", required=True, metavar="FILE.xlsx", help="写入的 .xlsx 文件")

    def handle(self, *args, ledger, town, out, **options):
        if not town:
            raise CommandFailed("请用 --town 指定乡镇", EXIT_USAGE)
        require_suffix(out, ".xlsx", "导出文件")
        unit = find_town(town)
        with output_file(out) as handle:
            if ledger == "orgs":
                export_orgs(unit, handle)
            else:
                declared = ledger_or_fail(ledger)
                # Read as the system actor, through the one scoping mechanism like every read;
                # audited as pii.exported like a web export (the operator sees values in full).
                records = declared.model.objects.visible_to(system_user()).filter(town=unit)
                export_records(declared, records, handle, root=unit, reader=Reader.operator())
        self.stdout.write(f"已导出：{out}")
