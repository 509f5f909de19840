"""The report said in prose, section by section (党建引领 / 经济发展 / 乡村振兴 / 平安建设)."""

from xiangzhi.reports.narrative.blocks import Figure, Narrative, Paragraph, Section, Table
from xiangzhi.reports.narrative.context import Context
from xiangzhi.reports.narrative.economy import economy_section
from xiangzhi.reports.narrative.party import party_section
from xiangzhi.reports.narrative.revitalisation import revitalisation_section
from xiangzhi.reports.narrative.security import security_section
from xiangzhi.reports.period import Period

__all__ = ["Figure", "Narrative", "Paragraph", "Section", "Table", "build_narrative"]


def build_narrative(report: dict, period: Period) -> Narrative:
    ctx = Context(report, period)
    return Narrative(
        title=f"{ctx.name}{period.label()}工作情况报告",
        subtitle=f"（统计期间：{_day(period.start)}至{_day(period.end)}；{ctx.whole}共{report['villages']}个行政村）",
        sections=[
            party_section(ctx),
            economy_section(ctx),
            revitalisation_section(ctx),
            security_section(ctx),
        ],
    )


def _day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
