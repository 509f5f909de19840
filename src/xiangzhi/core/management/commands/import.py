"""``xiangzhi import LEDGER FILE --town TOWN [--dry-run] [--errors OUT.xlsx]`` (CONTRACT §1–§2)."""

from pathlib import Path

from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed, XiangzhiCommand, find_town
from xiangzhi.core.management.ledger_names import ledger_or_fail
from xiangzhi.core.management.output import output_file, require_suffix
from xiangzhi.core.models import system_user
from xiangzhi.core.services.org_import import ORG_SHEET, import_orgs
from xiangzhi.core.tabular import FileRejected, read_rows, write_error_workbook


class Command(XiangzhiCommand):
    help = "导入台账文件（.xlsx 或 .csv）：全部通过校验才写入"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账名称，如 households")
        parser.add_argument("file", help="文件路径")
        parser.add_argument("--town", help="乡镇名称或编码（orgs 不需要）")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--errors", metavar="OUT.xlsx", help="把出错的行连同错误说明写入此文件")

    def handle(self, *args, ledger, file, town, dry_run, errors, **options):
        path = Path(file)
        if errors:
            require_suffix(errors, ".xlsx", "错误清单")
        declared = None if ledger == "orgs" else ledger_or_fail(ledger)
        if not path.is_file():
            raise CommandFailed(f"文件不存在：{file}")
        if declared is None:
            try:
                report = import_orgs(path, path.name, dry_run=dry_run, acting_user=system_user())
            except FileRejected as rejected:
                raise CommandFailed(rejected.message) from None
            sheet = ORG_SHEET
        else:
            if not town:
                raise CommandFailed("请用 --town 指定乡镇", EXIT_USAGE)
            try:
                report = import_file(
                    declared,
                    path,
                    path.name,
                    town=find_town(town),
                    acting_user=system_user(),
                    dry_run=dry_run,
                )
            except FileRejected as rejected:
                raise CommandFailed(rejected.message) from None
            sheet = get_ledger(ledger).sheet
        self._report(report, path, sheet, errors)

    def _report(self, report, path, sheet, errors_out) -> None:
        for warning in report.warnings:
            self.stderr.write(f"提示：{warning}")
        if report.ok:
            self.stdout.write(report.summary())
            return
        for error in report.errors:
            self.stderr.write(str(error))
        if errors_out:
            with output_file(errors_out) as handle:
                write_error_workbook(read_rows(path, path.name, sheet), report.errors, handle)
            self.stderr.write(f"已把出错的行写入 {errors_out}")
        raise CommandFailed(f"共 {len(report.errors)} 处错误，未写入任何数据。")
