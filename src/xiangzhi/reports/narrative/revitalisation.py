"""三、乡村振兴: 六帮六助, living environment, infrastructure projects, and civility (volunteers, points)."""

from xiangzhi.reports import links
from xiangzhi.reports.narrative.blocks import (
    Figure,
    Paragraph,
    Section,
    Sentence,
    Table,
    joined,
    length,
)

# Ratings a town "creates" (未达标 is a result, not an achievement to report).
_RATED = ("五美庭院", "美丽庭院")


def revitalisation_section(ctx) -> Section:
    section = Section("三、乡村振兴")
    section.blocks.append(Paragraph(_care(ctx), lead="民生保障。"))
    environment = _environment(ctx)
    if environment:
        section.blocks.append(Paragraph(environment.parts(), lead="人居环境。"))
    by_type = ctx.report["projects"]["by_type"]
    if by_type:
        section.blocks.append(Paragraph(_projects(ctx, by_type), lead="基础设施。"))
        section.blocks.append(_project_table(ctx, by_type))
    civility = _civility(ctx)
    if civility:
        section.blocks.append(Paragraph(civility.parts(), lead="乡风文明。"))
    return section


def _care(ctx) -> list:
    care, link = ctx.report["care"], links.care_links(ctx.period)
    parts = [
        f"持续开展“六帮六助”活动，{ctx.whole}动态更新困难和特殊群体家庭共",
        Figure(care["households"], "户", link["households"]),
        Figure(care["persons"], "人", link["persons"]),
        "。",
    ]
    during = (
        Sentence()
        .add(f"{ctx.during}走访慰问", Figure(care["visits"], "户次", link["visits"]))
        .add("收集困难问题", Figure(care["problems_raised"], "个", link["problems_raised"]))
        .add("解决困难问题", Figure(care["problems_resolved"], "个", link["problems_resolved"]))
        .add("办理实事", Figure(care["practical_matters"], "件", link["practical_matters"]))
    )
    if during:
        during.add("做到应帮尽帮、应助尽助", always=True)
    return parts + during.parts()


def _environment(ctx) -> Sentence:
    environment = ctx.report["environment"]
    cleanups = [
        [kind, Figure(m3, "立方米", links.cleanup_link(ctx.period, kind))]
        for kind, m3 in environment["cleanup_m3"].items()
        if m3
    ]
    courtyards = [
        [f"“{rating}”", Figure(count, "家", links.courtyard_link(ctx.period, rating))]
        for rating, count in environment["courtyards"].items()
        if rating in _RATED and count
    ]
    sentence = Sentence()
    if cleanups:
        sentence.add(f"{ctx.during}清理", *joined(cleanups), always=True)
    if courtyards:
        sentence.add("创建", *joined(courtyards), always=True)
    return sentence


def _projects(ctx, by_type: dict) -> list:
    parts: list = []
    for kind, figures in by_type.items():
        link = links.project_links(ctx.period, kind)
        sentence = Sentence()
        if figures["completed"]:
            sentence.add(
                f"{kind}完工",
                Figure(figures["completed"], "项", link["completed"]),
                *_villages(figures["villages_completed"], link["villages_completed"]),
            )
        if figures["in_progress"]:
            sentence.add(
                "在建" if figures["completed"] else f"{kind}在建",
                Figure(figures["in_progress"], "项", link["in_progress"]),
                *_villages(figures["villages_in_progress"], link["villages_in_progress"]),
            )
        if figures["length_m"]:
            metres = figures["length_m"]
            sentence.add("长度共计", Figure(metres, "", link["length_m"], shown=length(metres)))
        if figures["investment_wan"]:
            sentence.add("投资", Figure(figures["investment_wan"], "万元", link["investment_wan"]))
        parts += sentence.parts()
    return parts


def _villages(count: int, link) -> list:
    return ["（涉及", Figure(count, "个村", link), "）"] if count else []


def _project_table(ctx, by_type: dict) -> Table:
    rows = []
    for kind, figures in by_type.items():
        link = links.project_links(ctx.period, kind)
        rows.append(
            [
                kind,
                Figure(figures["completed"], "", link["completed"]),
                Figure(figures["villages_completed"], "", link["villages_completed"]),
                Figure(figures["in_progress"], "", link["in_progress"]),
                Figure(figures["villages_in_progress"], "", link["villages_in_progress"]),
                Figure(figures["length_m"], "", link["length_m"]),
                Figure(figures["investment_wan"], "", link["investment_wan"]),
            ]
        )
    header = [
        "项目类型",
        "完工（项）",
        "完工涉及村",
        "在建（项）",
        "在建涉及村",
        "长度（米）",
        "投资（万元）",
    ]
    return Table("基础设施项目情况", header, rows)


def _civility(ctx) -> Sentence:
    volunteer = ctx.report["events"]["by_type"].get("志愿服务", {}).get("count", 0)
    site_reviews = ctx.report["events"]["by_type"].get("观摩评比", {}).get("count", 0)
    points, points_link = ctx.report["points"], links.points_link(ctx.period)
    sentence = (
        Sentence()
        .add(
            "依托新时代文明实践站开展文明志愿服务活动",
            Figure(volunteer, "期", links.event_link(ctx.period, "志愿服务")),
        )
        .add("开展逐村观摩、庭院评比", Figure(site_reviews, "次", links.event_link(ctx.period, "观摩评比")))
        .add("推行党员、群众积分管理，登记积分", Figure(points["entries"], "条", points_link))
    )
    if points["entries"]:
        # People and points are not records: their link lists the entries behind them.
        entries = links.points_link(ctx.period, counts_records=False)
        sentence.add("参与", Figure(points["participants"], "人", entries), always=True)
        sentence.add("累计积分", Figure(points["points_total"], "分", entries), always=True)
    return sentence
