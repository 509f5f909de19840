"""四、平安建设: public security (cameras, patrols, disputes, publicity) and work safety."""

from xiangzhi.reports import links
from xiangzhi.reports.narrative.blocks import Figure, Paragraph, Section, Sentence, percent


def security_section(ctx) -> Section:
    section = Section("四、平安建设")
    order = _public_order(ctx)
    if order:
        section.blocks.append(Paragraph(order.parts(), lead="社会治安。"))
    section.blocks.append(Paragraph(_work_safety(ctx), lead="安全生产。"))
    return section


def _events(ctx, kind: str) -> dict:
    return ctx.report["events"]["by_type"].get(kind, {"count": 0, "participants": 0, "materials": 0})


def _public_order(ctx) -> Sentence:
    security, link = ctx.report["public_security"], links.public_security_links(ctx.period)
    publicity = _events(ctx, "宣传活动")
    return (
        Sentence()
        .add("按照“雪亮工程”要求安装监控摄像头", Figure(security["cameras"], "个", link["cameras"]))
        .add(
            "组建村级巡逻队",
            Figure(security["patrol_teams"], "支", link["patrol_teams"]),
            "，参与人数",
            Figure(security["patrol_members"], "人", link["patrol_members"]),
        )
        .add(f"{ctx.during}登记矛盾纠纷", Figure(security["disputes"], "起", link["disputes"]))
        .add("化解矛盾纠纷", Figure(security["disputes_resolved"], "起", link["disputes_resolved"]))
        .add("开展各类宣传活动", Figure(publicity["count"], "次", links.event_link(ctx.period, "宣传活动")))
        .add(
            "发放宣传资料",
            Figure(
                publicity["materials"], "份", links.event_link(ctx.period, "宣传活动", counts_records=False)
            ),
        )
    )


def _work_safety(ctx) -> list:
    safety, link = ctx.report["safety"], links.safety_links(ctx.period)
    sentence = (
        Sentence()
        .add(
            f"{ctx.during}出动",
            Figure(safety["inspector_person_times"], "人次", link["inspector_person_times"]),
        )
        .add("排查企业、九小门店及各类经营性场所", Figure(safety["inspections"], "家次", link["inspections"]))
        .add("发现安全隐患", Figure(safety["hazards_found"], "处", link["hazards_found"]))
    )
    if safety["hazards_found"]:
        rate = safety["rectification_rate"]
        sentence.add(
            "已整改", Figure(safety["hazards_rectified"], "处", link["hazards_rectified"]), always=True
        )
        sentence.add("整改率", Figure(rate, "", link["rectification_rate"], shown=percent(rate)), always=True)
        sentence.add("尚有", Figure(safety["hazards_open"], "处", link["hazards_open"]), "正在整改")
        sentence.add("其中逾期未整改", Figure(safety["hazards_overdue"], "处", link["hazards_overdue"]))
    parts = sentence.parts() or [f"{ctx.during}暂无安全生产排查记录。"]
    return parts + _education(ctx).parts()


def _education(ctx) -> Sentence:
    drills, talks = _events(ctx, "安全演练"), _events(ctx, "安全宣讲")
    materials = talks["materials"] + drills["materials"]
    handed_out = links.event_link(ctx.period, "安全演练", "安全宣讲", counts_records=False)
    return (
        Sentence()
        .add("开展安全演练", Figure(drills["count"], "场", links.event_link(ctx.period, "安全演练")))
        .add("安全宣讲", Figure(talks["count"], "次", links.event_link(ctx.period, "安全宣讲")))
        .add("发放安全宣传资料", Figure(materials, "份", handed_out))
    )
