"""The care ledgers' declarations (CONTRACT.md §3): headers, keys, and row ↔ record mapping."""

from xiangzhi.care import filters
from xiangzhi.care.models import (
    PROBLEM_WORKFLOW,
    Household,
    HouseholdCategory,
    Matter,
    Member,
    Problem,
    Visit,
    VisitMethod,
)
from xiangzhi.care.rules import household_rules, problem_rules
from xiangzhi.core.ledgers import Ledger, register_ledger
from xiangzhi.core.ledgers.context import RowProblems
from xiangzhi.core.pii.crypto import blind_index
from xiangzhi.core.pii.fields import fill_companions
from xiangzhi.core.tabular import Column, Sheet


def _org_of(values, ctx):
    village = ctx.village(values["village"])
    return ctx.grid(village, values["grid"]) if values.get("grid") else village


def _household(values, ctx):
    return ctx.reference(Household, "household_no", values["household_no"], "household_no")


@register_ledger
class HouseholdLedger(Ledger):
    model = Household
    nav_order = 10
    sheet = Sheet(
        name="households",
        title="困难群体家庭",
        key=("household_no",),
        columns=(
            Column("户编号", "household_no", example="NG-QW-001"),
            Column("所属村", "village", required=True, example="桥湾村"),
            Column("网格", "grid", example="桥湾村第1网格"),
            Column("户主姓名", "head_name", example="张三", aliases=("姓名",)),
            Column(
                "户主身份证号",
                "head_id_number",
                kind="id_number",
                example="410802198001011238",
                aliases=("身份证号", "身份证号码", "户主身份证号码"),
            ),
            Column("联系电话", "phone", example="13900000000"),
            Column("家庭人口", "size", example="3"),
            Column(
                "类别",
                "categories",
                required=True,
                choices=tuple(HouseholdCategory.values),
                example="低保户、残疾人家庭",
            ),
            Column("帮扶责任人", "helper", example="李四"),
            Column("纳入日期", "enrolled_on", example="2023-01-05"),
            Column("退出日期", "exited_on"),
            Column("退出原因", "exit_reason"),
        ),
    )
    sources = {
        "org": ("village", "grid"),
        "head_id_number_index": ("head_id_number",),
        "head_id_number_last4": ("head_id_number",),
    }
    list_columns = (
        "household_no",
        "village",
        "grid",
        "head_name",
        "head_id_number",
        "size",
        "categories",
        "helper",
        "enrolled_on",
        "exited_on",
    )
    filterset_class = filters.HouseholdFilterSet
    detail_template = "care/household_detail.html"

    def resolve(self, values, ctx):
        id_number = values["head_id_number"]
        return {
            **super().resolve(values, ctx),
            "org": _org_of(values, ctx),
            "head_id_number_index": blind_index(id_number),
            # The column's converter has already normalised the number (18 characters, upper-case X).
            "head_id_number_last4": id_number[-4:],
        }

    def validate(self, fields):
        return household_rules(fields)

    def prepare(self, record):
        fill_companions(record, "head_id_number")

    def to_row(self, obj, orgs):
        return {
            **super().to_row(obj, orgs),
            "village": orgs.village(obj.org_id),
            "grid": orgs.grid(obj.org_id),
        }

    def detail_context(self, record, request):
        from xiangzhi.care.selectors import household_detail_context

        return household_detail_context(record, request)


@register_ledger
class MemberLedger(Ledger):
    model = Member
    key_fields = ("id_number_index",)
    nav_order = 11
    sheet = Sheet(
        name="members",
        title="家庭成员",
        key=("id_number",),
        columns=(
            Column("户编号", "household_no", required=True, example="NG-QW-001"),
            Column("姓名", "name", example="张小三"),
            Column("身份证号", "id_number", kind="id_number", example="410802201001011240"),
            Column("与户主关系", "relation", example="子女"),
            Column("特殊情况", "special", example="留守儿童"),
        ),
    )
    sources = {
        "org_id": ("household_no",),
        "household_id": ("household_no",),
        "id_number_index": ("id_number",),
        "id_number_last4": ("id_number",),
    }
    list_columns = ("name", "household", "id_number", "relation", "special", "village")
    select_related = ("org", "household")
    filterset_class = filters.MemberFilterSet
    detail_template = "care/member_detail.html"

    def resolve(self, values, ctx):
        household = _household(values, ctx)
        id_number = values["id_number"]
        return {
            **super().resolve(values, ctx),
            "household_id": household.pk,
            "org_id": household.org_id,
            "id_number_index": blind_index(id_number),
            "id_number_last4": id_number[-4:],
        }

    def prepare(self, record):
        fill_companions(record, "id_number")
        super().prepare(record)

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "household_no": obj.household.household_no}


@register_ledger
class VisitLedger(Ledger):
    model = Visit
    key_fields = ("household_id", "visited_on", "visitor")
    nav_order = 12
    sheet = Sheet(
        name="visits",
        title="走访记录",
        key=("household_no", "visited_on", "visitor"),
        columns=(
            Column("户编号", "household_no", required=True, example="NG-QW-001"),
            Column("走访日期", "visited_on", example="2023-07-14"),
            Column("走访人", "visitor", example="李四"),
            Column("走访方式", "method", example="入户走访", default=VisitMethod.HOME.value),
            Column("情况记录", "notes", example="家中用电安全，已讲解低保政策"),
        ),
    )
    sources = {"org_id": ("household_no",), "household_id": ("household_no",)}
    list_columns = ("visited_on", "household", "visitor", "method", "village")
    select_related = ("org", "household")
    filterset_class = filters.VisitFilterSet

    def resolve(self, values, ctx):
        household = _household(values, ctx)
        return {**super().resolve(values, ctx), "household_id": household.pk, "org_id": household.org_id}

    def initial(self, request):
        """From a household's page: that household, today, and the signed-in user as the visitor."""
        initial = super().initial(request)
        initial.setdefault("visitor", request.user.display_name or request.user.username)
        return initial

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "household_no": obj.household.household_no}


@register_ledger
class ProblemLedger(Ledger):
    model = Problem
    workflow = PROBLEM_WORKFLOW
    nav_order = 13
    sheet = Sheet(
        name="problems",
        title="困难问题",
        key=("problem_no",),
        columns=(
            Column("问题编号", "problem_no", example="WT-2023-001"),
            Column("所属村", "village", required=True, example="桥湾村"),
            Column("户编号", "household_no", example="NG-QW-001"),
            Column("提出日期", "raised_on", example="2023-03-02"),
            Column("问题类别", "category", example="住房"),
            Column("问题描述", "description", example="房屋漏雨需维修"),
            Column("办理状态", "status", example="已解决"),
            Column("解决日期", "resolved_on", example="2023-03-20"),
            Column("办理结果", "result", example="已协调维修"),
        ),
    )
    sources = {"org": ("village",), "household_id": ("household_no",)}
    list_columns = ("problem_no", "village", "raised_on", "category", "status", "resolved_on")
    filterset_class = filters.ProblemFilterSet
    detail_template = "care/problem_detail.html"

    def resolve(self, values, ctx):
        village = ctx.village(values["village"])
        household = None
        if values.get("household_no"):
            household = _household(values, ctx)
            if household.org_id not in ctx.units_under(village):
                raise RowProblems([("household_no", f"该户不属于{village.name}")])
        return {
            **super().resolve(values, ctx),
            "org": ctx.village_keeping_grid(Problem, "problem_no", values["problem_no"], village),
            "household_id": household.pk if household else None,
        }

    def validate(self, fields):
        return problem_rules(fields)

    def to_row(self, obj, orgs):
        household_no = obj.household.household_no if obj.household_id else None
        return {
            **super().to_row(obj, orgs),
            "village": orgs.village(obj.org_id),
            "household_no": household_no,
        }

    select_related = ("org", "household")


@register_ledger
class MatterLedger(Ledger):
    model = Matter
    nav_order = 14
    org_levels = ("town", "village")
    org_label = "所属村（留空为全镇）"
    sheet = Sheet(
        name="matters",
        title="实事",
        key=("matter_no",),
        columns=(
            Column("实事编号", "matter_no", example="SS-2023-01"),
            Column("所属村", "village", example="桥湾村", help="留空表示全镇的实事"),
            Column("事项名称", "name", example="修缮村内排水沟"),
            Column("完成日期", "completed_on", example="2023-06-30"),
            Column("受益户数", "beneficiaries", example="35"),
        ),
    )
    sources = {"org": ("village",)}
    list_columns = ("matter_no", "name", "unit", "completed_on", "beneficiaries")
    filterset_class = filters.MatterFilterSet

    def resolve(self, values, ctx):
        return {**super().resolve(values, ctx), "org": ctx.village_or_town(values.get("village"))}

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "village": orgs.village(obj.org_id)}
