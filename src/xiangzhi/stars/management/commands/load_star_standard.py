"""``xiangzhi load_star_standard FILE [--org CODE] [--replace] [--dry-run]``: load a yearly star standard."""

from pathlib import Path

from django.db import transaction

from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed, XiangzhiCommand, find_unit
from xiangzhi.core.models import system_user
from xiangzhi.stars.models.standards import STANDARD_LEVELS
from xiangzhi.stars.services.standard_file import StandardFileError
from xiangzhi.stars.services.standards import standard_load


class _DryRun(Exception):
    pass


class Command(XiangzhiCommand):
    help = "导入一个年度的创星标准（JSON 文件）：全部通过校验才写入"

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="标准文件（JSON），如 src/xiangzhi/stars/standards/example-2023.json"
        )
        parser.add_argument("--org", help="适用单位（县、乡镇）的名称或编码；不填则适用于所有单位")
        parser.add_argument("--replace", action="store_true", help="替换该单位该年度已有的标准（尚无申报时）")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")

    def handle(self, *args, file, org, replace, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandFailed(f"文件不存在：{file}")
        if path.suffix.lower() != ".json":
            raise CommandFailed("创星标准文件应为 .json 文件", EXIT_USAGE)
        unit = find_unit(org, STANDARD_LEVELS, "县或乡镇") if org else None
        try:
            with transaction.atomic():
                standard = standard_load(
                    raw=path.read_bytes(), org=unit, acting_user=system_user(), replace=replace
                )
                summary = _summary(standard)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(f"校验通过（未写入）：{summary}")
            return
        except StandardFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandFailed(f"共 {len(error.problems)} 处错误，未写入任何数据。") from None
        self.stdout.write(f"已导入：{summary}")


def _summary(standard) -> str:
    tasks = sum(d.tasks.count() for d in standard.stars.all())
    scope = standard.org.name if standard.org_id else "全部单位"
    example = "，示例标准（非官方）" if standard.is_example else ""
    stars = standard.stars.count()
    return f"{standard.year}年度「{standard.label}」，适用于{scope}，{stars} 颗星、{tasks} 项任务{example}"
