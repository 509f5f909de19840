"""一、党建引领: study and briefings, and the 五星 campaign (targets, plans, results, 讲评会)."""

from xiangzhi.reports import links
from xiangzhi.reports.narrative.blocks import Figure, Paragraph, Section, Sentence, Table, percent
from xiangzhi.stars.choices import STAR_ORDER

STARS_DESC = ("五", "四", "三", "二", "一")


def party_section(ctx) -> Section:
    section = Section("一、党建引领")
    study = _study(ctx)
    if study:
        section.blocks.append(Paragraph(study.parts(), lead="理论学习。"))
    section.blocks.append(Paragraph(_stars(ctx), lead="“五星”支部创建。"))
    section.blocks.append(_level_table(ctx))
    if ctx.report["stars"]["planned"]["by_star"] or ctx.report["stars"]["awarded"]["by_star"]:
        section.blocks.append(_star_table(ctx))
    return section


def _event(ctx, kind: str, unit: str) -> Figure:
    figures = ctx.report["events"]["by_type"].get(kind, {})
    return Figure(figures.get("count", 0), unit, links.event_link(ctx.period, kind))


def _study(ctx) -> Sentence:
    sentence = (
        Sentence()
        .add(f"{ctx.during}共举办专题大讲堂", _event(ctx, "专题大讲堂", "期"))
        .add("召开各类宣讲会", _event(ctx, "宣讲会", "场"))
    )
    if sentence:
        sentence.add("推动党的创新理论向乡村延伸、在一线扎根", always=True)
    return sentence


def _stars(ctx) -> list:
    stars = ctx.report["stars"]
    parts: list = []
    parts += _targets(ctx, stars["targets"])
    parts += _levels(ctx, "star_plans", stars["planned"]["by_level"], "计划创建", "已制定创星计划")
    parts += _levels(ctx, "star_results", stars["awarded"]["by_level"], "获评", "经评定")
    meetings = Figure(stars["review_meetings"], "期", links.event_link(ctx.period, "讲评会"))
    parts += [f"{ctx.during}召开“五星”支部创建书记讲评会", meetings, "。"]
    return parts


def _targets(ctx, targets: dict) -> list:
    if not (targets["five_star"] or targets["four_star"] or targets["three_star_or_above_share"]):
        return [f"{ctx.year}年度创星目标尚未登记。"]
    link = links.star_links(ctx.period, "star_targets")
    share = targets["three_star_or_above_share"]
    return [
        f"{ctx.whole}{ctx.year}年拟创“五星”支部",
        Figure(targets["five_star"], "个", link),
        "，“四星”支部",
        Figure(targets["four_star"], "个", link),
        "，“三星”以上村党支部占比",
        Figure(share, "", link, shown=percent(share)),
        "。",
    ]


def _levels(ctx, ledger: str, by_level: dict, verb: str, opening: str) -> list:
    villages = sum(by_level.values())
    if not villages:
        return []
    parts: list = [f"{opening}的村", Figure(villages, "个", links.star_links(ctx.period, ledger)), "，其中"]
    clauses = []
    for level in range(5, 0, -1):
        count = by_level[str(level)]
        if count:
            link = links.star_links(ctx.period, ledger, level=level)
            said = f"{verb if not clauses else ''}{STARS_DESC[5 - level]}星支部"
            clauses.append([said, Figure(count, "个", link)])
    if not clauses:
        return [*parts[:-1], "。"]
    for index, clause in enumerate(clauses):
        parts += (["、"] if index else []) + clause
    return [*parts, "。"]


def _level_table(ctx) -> Table:
    stars = ctx.report["stars"]
    rows = []
    for level in range(5, -1, -1):
        rows.append(
            [
                f"{level}星",
                Figure(
                    stars["planned"]["by_level"][str(level)],
                    "",
                    links.star_links(ctx.period, "star_plans", level),
                ),
                Figure(
                    stars["awarded"]["by_level"][str(level)],
                    "",
                    links.star_links(ctx.period, "star_results", level),
                ),
            ]
        )
    return Table(f"{ctx.year}年度村党支部星级分布（个）", ["星级", "计划创建", "获评"], rows)


def _star_table(ctx) -> Table:
    stars = ctx.report["stars"]
    rows = []
    for star in sorted(set(stars["planned"]["by_star"]) | set(stars["awarded"]["by_star"]), key=_star_order):
        rows.append(
            [
                star,
                Figure(
                    stars["planned"]["by_star"].get(star, 0),
                    "",
                    links.star_links(ctx.period, "star_plans", star=star),
                ),
                Figure(
                    stars["awarded"]["by_star"].get(star, 0),
                    "",
                    links.star_links(ctx.period, "star_results", star=star),
                ),
            ]
        )
    return Table(f"{ctx.year}年度分星创建情况（个村）", ["星", "计划创建", "获评"], rows)


def _star_order(star: str) -> int:
    return STAR_ORDER.get(star, len(STAR_ORDER))
