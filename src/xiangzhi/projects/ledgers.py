"""The projects ledger's declaration (CONTRACT.md §3): headers, key, and row ↔ record mapping."""

from xiangzhi.core.ledgers import Ledger, register_ledger
from xiangzhi.core.ledgers.context import RowProblems
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.projects import filters
from xiangzhi.projects.forms import ProjectForm
from xiangzhi.projects.models import CONTRACT_PROJECT_TYPES, PROJECT_WORKFLOW, Project
from xiangzhi.projects.project_types import kinds_for_import
from xiangzhi.projects.rules import project_rules, tidy_decimal


@register_ledger
class ProjectLedger(Ledger):
    model = Project
    workflow = PROJECT_WORKFLOW
    nav_order = 50
    org_levels = ("town", "village")
    org_label = "所属村（选乡镇为镇级项目）"
    sheet = Sheet(
        name="projects",
        title="基础设施项目",
        key=("project_no",),
        columns=(
            Column("项目编号", "project_no", example="XM-2023-01", aliases=("编号",)),
            Column("项目名称", "name", example="桥湾村污水管网铺设", aliases=("名称",)),
            Column(
                "项目类型",
                "kind",
                example="污水管网",
                aliases=("类型",),
                help="默认类型："
                + "、".join(CONTRACT_PROJECT_TYPES)
                + "；管理员可在「基础设施 › 项目类型」增加",
            ),
            Column("所属村", "village", example="桥湾村", help="留空表示镇级项目"),
            Column("长度(米)", "length_m", example="1200", aliases=("长度", "长度(m)", "里程(米)")),
            Column(
                "投资(万元)",
                "investment_wan",
                example="85.5",
                aliases=("投资", "投资额", "投资额(万元)", "总投资(万元)"),
            ),
            Column("项目状态", "status", example="已完工", aliases=("状态", "建设状态")),
            Column("开工日期", "started_on", example="2023-03-01"),
            Column("完工日期", "completed_on", example="2023-09-30", aliases=("竣工日期",)),
        ),
    )
    sources = {"org": ("village",)}
    list_columns = (
        "project_no",
        "name",
        "kind",
        "unit",
        "status",
        "length_m",
        "investment_wan",
        "started_on",
        "completed_on",
    )
    filterset_class = filters.ProjectFilterSet
    form_class = ProjectForm
    detail_template = "projects/project_detail.html"

    def resolve(self, values, ctx):
        problem = kinds_for_import(ctx).problem(values["kind"], values["project_no"])
        if problem:
            raise RowProblems([("kind", problem)])
        return {
            **super().resolve(values, ctx),
            "org": ctx.village_or_town(values.get("village")),
            "length_m": tidy_decimal(values.get("length_m")),
            "investment_wan": tidy_decimal(values.get("investment_wan")),
        }

    def validate(self, fields):
        return project_rules(fields)

    def initial(self, request):
        # A new project is planned: its dates are filled by the 开工 / 完工 moves, not "today".
        initial = super().initial(request)
        for name in ("started_on", "completed_on"):
            if name not in request.GET:
                initial.pop(name, None)
        return initial

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "village": orgs.village(obj.org_id)}
