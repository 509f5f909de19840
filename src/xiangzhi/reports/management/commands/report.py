"""``xiangzhi report (--town T | --county C) (--year Y | --from D --to D) [--format F] [--out FILE]``.

Runs as the server operator: the report covers every record of the chosen town or county.
"""

from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed, XiangzhiCommand, find_town, find_unit
from xiangzhi.core.management.output import output_file, require_suffix
from xiangzhi.core.models import OrgLevel, system_user
from xiangzhi.reports.docx_template import TemplateUnreadable
from xiangzhi.reports.period import PeriodError, parse_period
from xiangzhi.reports.render import FORMATS, render_report
from xiangzhi.reports.scope import ReportScope


class Command(XiangzhiCommand):
    help = "生成乡镇（或县）某一期间的工作报告：json（默认，无 --out 时输出到屏幕）、docx 或 html"

    def add_arguments(self, parser):
        parser.add_argument("--town", help="乡镇名称或编码")
        parser.add_argument("--county", help="县（区）名称或编码：各乡镇合计")
        parser.add_argument("--year", help="年度，如 2023")
        parser.add_argument("--from", dest="start", metavar="DATE", help="开始日期，如 2023-01-01")
        parser.add_argument("--to", dest="end", metavar="DATE", help="结束日期，如 2023-03-31")
        parser.add_argument("--format", dest="fmt", default="json", help="json、docx 或 html（默认 json）")
        parser.add_argument(
            "--out",
            metavar="FILE",
            help="写入文件，扩展名与格式一致（.json、.docx 或 .html）；不填时 json/html 输出到屏幕",
        )

    def handle(self, *args, town, county, year, start, end, fmt, out, **options):
        if fmt not in FORMATS:
            raise CommandFailed(f"格式「{fmt}」无效：应为 json、docx 或 html", EXIT_USAGE)
        if out is not None:  # an empty --out is refused, not taken as "no --out"
            require_suffix(out, f".{fmt}", f"{fmt} 格式的报告")
        elif fmt == "docx":
            raise CommandFailed("docx 格式需要用 --out 指定输出文件", EXIT_USAGE)
        unit = _unit(town, county)
        try:
            period = parse_period(year, start, end)
        except PeriodError as error:
            raise CommandFailed(error.message, EXIT_USAGE) from None
        try:
            rendered = render_report(ReportScope(unit, period, system_user()), fmt)
        except TemplateUnreadable as error:
            raise CommandFailed(error.message) from None
        if out is not None:
            with output_file(out) as handle:
                handle.write(rendered.content)
            self.stderr.write(f"已生成{unit.name}{period.label()}工作报告：{out}")
        else:
            self.stdout.write(rendered.content.decode(), ending="")


def _unit(town, county):
    if bool(town) == bool(county):
        raise CommandFailed("请用 --town 指定乡镇，或用 --county 指定县（区），二者选一", EXIT_USAGE)
    if town:
        return find_town(town)
    return find_unit(county, (OrgLevel.COUNTY,), "县（区）")
