"""The safety ledgers' declarations (CONTRACT.md §3): headers, keys, and row ↔ record mapping."""

from xiangzhi.core.ledgers import Ledger, register_ledger
from xiangzhi.core.ledgers.context import RowProblems
from xiangzhi.core.ledgers.declaration import by_pk
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.safety import filters, lookups
from xiangzhi.safety.forms import HazardForm, InspectionForm, PremisesForm
from xiangzhi.safety.models import (
    HAZARD_WORKFLOW,
    Hazard,
    HazardCategory,
    HazardGrade,
    HazardStatus,
    Inspection,
    Premises,
)
from xiangzhi.safety.rules import (
    PREMISES_MOVE_REASON,
    hazard_close_rules,
    hazard_rules,
    inspection_move_rules,
    inspection_rules,
    premises_rules,
)
from xiangzhi.safety.selectors import inspection_move_problems, premises_move_problems


def _raise_if(problems: list[tuple[str, str]]) -> None:
    if problems:
        raise RowProblems(problems)


@register_ledger
class PremisesLedger(Ledger):
    model = Premises
    nav_order = 20
    sheet = Sheet(
        name="premises",
        title="经营场所",
        key=("premises_no",),
        columns=(
            Column("场所编号", "premises_no", example="CS-QW-001"),
            Column("名称", "name", example="桥湾村好再来饭店", aliases=("场所名称",)),
            Column("类型", "kind", example="九小场所", aliases=("场所类型",)),
            Column("细分类", "subtype", example="小餐饮", aliases=("细分类型", "九小类别")),
            Column("所属村", "village", required=True, example="桥湾村"),
            Column("地址", "address", example="桥湾村主街12号", aliases=("场所地址",)),
            Column("负责人", "manager", example="王五", aliases=("法人", "负责人姓名")),
            Column("联系电话", "phone", example="13900000000"),
        ),
    )
    sources = {"org": ("village",)}
    list_columns = ("premises_no", "name", "kind", "subtype", "village", "grid", "manager", "phone")
    filterset_class = filters.PremisesFilterSet
    form_class = PremisesForm
    detail_template = "safety/premises_detail.html"

    def resolve(self, values, ctx):
        return {**super().resolve(values, ctx), "org": self._org(values, ctx)}

    def _org(self, values, ctx):
        """The named village, or the grid of that village the premises was already put in.

        The sheet names villages only; grids are assigned in the app and survive a re-import.
        """
        village = ctx.village(values["village"])
        org = ctx.village_keeping_grid(Premises, "premises_no", values["premises_no"], village)
        inspections_at = lookups.inspections_org_of_premises(ctx, values["premises_no"])
        if inspections_at is not None and inspections_at != org.pk:
            raise RowProblems([("village", PREMISES_MOVE_REASON)])
        return org

    def validate(self, fields):
        problems = premises_rules(fields)
        if fields.get("id") and fields.get("org") is not None:
            problems += premises_move_problems(fields["id"], fields["org"].pk)
        return problems

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "village": orgs.village(obj.org_id)}

    def detail_context(self, record, request):
        from xiangzhi.safety.selectors import premises_detail_context

        return premises_detail_context(record, request)


@register_ledger
class InspectionLedger(Ledger):
    model = Inspection
    nav_order = 21
    sheet = Sheet(
        name="inspections",
        title="排查记录",
        key=("inspection_no",),
        columns=(
            Column("排查编号", "inspection_no", example="PC-2023-0001"),
            Column("场所编号", "premises_no", required=True, example="CS-QW-001"),
            Column("排查日期", "inspected_on", example="2023-07-14", aliases=("检查日期",)),
            Column("出动人次", "person_times", example="5", aliases=("出动人数", "人次")),
            Column("检查人员", "inspectors", example="李四、王五", aliases=("排查人员", "检查人")),
        ),
    )
    sources = {"org_id": ("premises_no",), "premises_id": ("premises_no",)}
    list_columns = (
        "inspection_no",
        "premises",
        "inspected_on",
        "person_times",
        "inspectors",
        "village",
        "grid",
    )
    select_related = ("org", "premises")
    filterset_class = filters.InspectionFilterSet
    form_class = InspectionForm
    detail_template = "safety/inspection_detail.html"

    def resolve(self, values, ctx):
        premises = lookups.premises_ref(ctx, values["premises_no"])
        fields = {**super().resolve(values, ctx), "premises_id": premises.pk, "org_id": premises.org_id}
        facts = lookups.hazard_facts(ctx, values["inspection_no"])
        if facts is not None:
            _raise_if(
                inspection_move_rules(
                    new_org_id=premises.org_id,
                    new_date=values["inspected_on"],
                    hazards_org_id=facts.org_id,
                    first_dates=[facts.first_rectified, facts.first_deadline],
                    premises_field="premises_no",
                )
            )
        return fields

    def validate(self, fields):
        problems = inspection_rules(fields)
        if fields.get("id") and fields.get("premises") is not None:
            problems += inspection_move_problems(
                fields["id"], fields["premises"].org_id, fields.get("inspected_on")
            )
        return problems

    def prepare(self, record):
        record.org_id = record.premises.org_id

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "premises_no": obj.premises.premises_no}

    def detail_context(self, record, request):
        from xiangzhi.safety.selectors import inspection_detail_context

        return inspection_detail_context(record, request)


@register_ledger
class HazardLedger(Ledger):
    model = Hazard
    nav_order = 22
    sheet = Sheet(
        name="hazards",
        title="安全隐患",
        key=("hazard_no",),
        columns=(
            Column("隐患编号", "hazard_no", required=True, example="YH-2023-0001", max_length=40),
            Column("排查编号", "inspection_no", required=True, example="PC-2023-0001"),
            Column(
                "隐患类别",
                "category",
                required=True,
                kind="choice",
                choices=tuple(HazardCategory.values),
                example="电气线路",
                aliases=("隐患类型",),
            ),
            Column(
                "隐患描述",
                "description",
                required=True,
                example="后厨电线私拉乱接",
                aliases=("隐患内容", "隐患情况", "存在问题"),
            ),
            Column(
                "隐患等级",
                "grade",
                required=True,
                kind="choice",
                choices=tuple(HazardGrade.values),
                example="一般",
                aliases=("等级", "隐患级别"),
            ),
            Column(
                "整改期限",
                "deadline",
                required=True,
                kind="date",
                example="2023-07-21",
                aliases=("整改时限",),
            ),
            Column("整改责任人", "responsible", example="王五", max_length=50, aliases=("责任人",)),
            Column(
                "整改状态",
                "status",
                required=True,
                kind="choice",
                choices=tuple(HazardStatus.values),
                example="已销号",
                aliases=("状态", "整改情况"),
            ),
            Column(
                "整改完成日期",
                "rectified_on",
                kind="date",
                example="2023-07-18",
                aliases=("完成日期", "整改日期", "完成整改日期"),
            ),
            # CONTRACT v1.2: optional; a row that closes (销号) a stored hazard needs its 复查人.
            Column(
                "复查人",
                "rechecker",
                example="张三",
                max_length=50,
                help="已有隐患改为已销号时必填，且不能是整改责任人或在平台上登记整改的人员",
                aliases=("复查人员", "验收人"),
            ),
            Column("复查日期", "rechecked_on", kind="date", example="2023-07-19", aliases=("验收日期",)),
        ),
    )
    sources = {"org_id": ("inspection_no",), "inspection": ("inspection_no",)}
    workflow = HAZARD_WORKFLOW
    move_reads = ("responsible", "rectified_by_id", "rectified_by__display_name", "rectified_by__username")
    list_columns = ("hazard_no", "inspection", "category", "grade", "deadline", "status", "village", "grid")
    select_related = ("org", "inspection")
    filterset_class = filters.HazardFilterSet
    form_class = HazardForm
    detail_template = "safety/hazard_detail.html"
    list_template = "safety/hazard_list.html"

    def resolve(self, values, ctx):
        # The inspection as its reference (its id, unit and date): ``validate`` reads its date,
        # as it reads the chosen inspection's on the form, and the writer stores its id.
        inspection = lookups.inspection_ref(ctx, values["inspection_no"])
        return {**super().resolve(values, ctx), "inspection": inspection, "org_id": inspection.org_id}

    def validate(self, fields):
        inspection = fields.get("inspection")
        return hazard_rules(fields, found_on=inspection.inspected_on if inspection is not None else None)

    def move_fields(self, before, after, ctx):
        # The importing user records the rectification, as the 整改 page records its user: they
        # may not then close it on the 复查 page (hazard_close_rules). The command line's system
        # actor is no person, and records nobody.
        if after == HazardStatus.RECTIFIED and not ctx.acting_user.is_system:
            return {"rectified_by_id": ctx.acting_user.pk}
        return {}

    def move_problems(self, stored, fields, ctx):
        if fields["status"] != HazardStatus.CLOSED:
            return []
        rectifier = {stored["rectified_by__display_name"], stored["rectified_by__username"]}
        return hazard_close_rules(
            rechecker=fields.get("rechecker") or "",
            responsible={stored["responsible"], fields.get("responsible")} - {"", None},
            rectifier_id=stored["rectified_by_id"],
            rectifier_names=rectifier - {"", None},
            acting_user_id=by_pk(ctx.acting_user),
        )

    def prepare(self, record):
        record.org_id = record.inspection.org_id

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "inspection_no": obj.inspection.inspection_no}

    def detail_context(self, record, request):
        from xiangzhi.safety.selectors import hazard_detail_context

        return hazard_detail_context(record, request)
