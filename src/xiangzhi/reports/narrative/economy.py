"""二、经济发展: the indicators of the period and the villages' collective income."""

from itertools import groupby

from xiangzhi.reports import links
from xiangzhi.reports.narrative.blocks import Figure, Paragraph, Section, Table, joined
from xiangzhi.reports.period import period_code_label
from xiangzhi.reports.selectors.economy import INCOME_THRESHOLD_WAN


def economy_section(ctx) -> Section:
    section = Section("二、经济发展")
    indicators = ctx.report["indicators"]
    if indicators:
        section.blocks.append(Paragraph(_indicator_prose(ctx, indicators), lead="主要经济指标。"))
        section.blocks.append(_indicator_table(ctx, indicators))
    else:
        section.blocks.append(Paragraph(["本期经济社会指标尚未登记。"], lead="主要经济指标。"))
    section.blocks.append(Paragraph(_collective(ctx), lead="村集体经济。"))
    return section


def _figure(ctx, row: dict) -> Figure:
    return Figure(row["value"], row["unit"], links.indicator_link(ctx.period, row["name"], row["period"]))


def _indicator_prose(ctx, indicators: list[dict]) -> list:
    parts: list = []
    ordered = sorted(indicators, key=lambda row: row["period"])
    for code, rows in groupby(ordered, key=lambda row: row["period"]):
        clauses = [[row["name"], _figure(ctx, row)] for row in rows]
        parts += [f"{period_code_label(code)}，", *joined(clauses, "，"), "。"]
    return parts


def _indicator_table(ctx, indicators: list[dict]) -> Table:
    rows = [[row["name"], period_code_label(row["period"]), _figure(ctx, row)] for row in indicators]
    return Table("主要经济社会指标", ["指标", "期间", "数值"], rows)


def _collective(ctx) -> list:
    economy = ctx.report["collective_economy"]
    names = economy["villages_at_least_10wan"]
    total = Figure(economy["total_wan"], "万元", links.income_link(ctx.period))
    if not economy["total_wan"] and not names:
        return [f"{ctx.year}年度村集体经济收入尚未登记。"]
    parts: list = [f"{ctx.year}年{ctx.whole}村集体经济收入合计", total]
    threshold = int(INCOME_THRESHOLD_WAN)
    if names:
        count = Figure(len(names), "个村", links.income_link(ctx.period, at_least=threshold))
        parts += ["，", "、".join(names), "等", count, f"集体经济收入突破{threshold}万元"]
    else:
        parts += [f"，尚无村集体经济收入达到{threshold}万元"]
    return [*parts, "。"]
