"""The star ledgers' declarations (CONTRACT §3): 创星目标, 村创星计划, 评星结果."""

from decimal import Decimal

from xiangzhi.core.ledgers import Ledger, VillageLedger, register_ledger
from xiangzhi.core.ledgers.context import RowProblems
from xiangzhi.core.roles import Capability
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.stars import filters
from xiangzhi.stars.choices import StarName, stars_and_level
from xiangzhi.stars.cycle_years import import_year_problem
from xiangzhi.stars.ledger_forms import star_list_form, target_form
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget
from xiangzhi.stars.rules import plan_rules, result_rules, target_rules

_SHARE_PLACES = Decimal("0.0001")
_STARS = tuple(StarName.values)


def _year(example: str = "2023") -> Column:
    return Column("年度", "year", example=example, aliases=("评定年度", "创建年度"))


@register_ledger
class StarTargetLedger(Ledger):
    model = StarTarget
    nav_order = 50
    org_levels = ("town",)
    org_label = "乡镇"
    sheet = Sheet(
        name="star_targets",
        title="创星目标",
        key=("year",),
        columns=(
            _year(),
            Column("五星支部数", "five_star", example="1", aliases=("五星",)),
            Column("四星支部数", "four_star", example="3", aliases=("四星",)),
            Column(
                "三星及以上占比",
                "three_plus_share",
                kind="percent",
                example="67%",
                aliases=("三星以上占比", "三星及以上比例"),
            ),
        ),
    )
    list_columns = ("year", "unit", "five_star", "four_star", "three_plus_share")
    filterset_class = filters.StarTargetFilterSet
    form_fields = ("org", "year", "five_star", "four_star", "three_plus_share")

    @property
    def form_class(self):
        return target_form(self)

    def resolve(self, values, ctx):
        # A share typed as 66.667% is kept to 0.01%, so re-importing it compares equal.
        share = values["three_plus_share"].quantize(_SHARE_PLACES)
        return {**super().resolve(values, ctx), "org": ctx.village_or_town(None), "three_plus_share": share}

    def validate(self, fields):
        return target_rules(fields)

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "three_plus_share": obj.three_plus_share.normalize()}


def _refuse_repeated_key(ctx, ledger_name: str, village, year: int) -> None:
    """One row per village and year. The engine spots repeated key cells, but 桥湾村, 桥湾 and the
    village code are one village: two such rows would reach the database as one key twice."""
    seen = ctx.__dict__.setdefault("_star_keys", set())
    key = (ledger_name, village.pk, year)
    if key in seen:
        raise RowProblems([("village", f"{village.name}{year}年度在文件中出现了不止一行")])
    seen.add(key)


class _StarListLedger(VillageLedger):
    key_fields = ("org", "year")
    sources = {**VillageLedger.sources, "level": ("stars",)}
    list_columns = ("village", "year", "stars", "level")
    stars_required = True

    @property
    def form_class(self):
        return star_list_form(self, required=self.stars_required)

    def resolve(self, values, ctx):
        fields = super().resolve(values, ctx)
        _refuse_repeated_key(ctx, self.name, fields["org"], values["year"])
        stars, level = stars_and_level(values.get("stars"))
        return {**fields, "stars": stars, "level": level}


@register_ledger
class StarPlanLedger(_StarListLedger):
    model = StarPlan
    nav_order = 51
    sheet = Sheet(
        name="star_plans",
        title="村创星计划",
        key=("village", "year"),
        columns=(
            Column("所属村", "village", required=True, example="桥湾村"),
            _year(),
            Column(
                "计划创建星",
                "stars",
                choices=_STARS,
                example="产业兴旺星、生态宜居星、文明幸福星",
                aliases=("创建星", "计划星"),
            ),
        ),
    )
    filterset_class = filters.StarPlanFilterSet
    form_fields = ("org", "year", "stars")

    def validate(self, fields):
        return plan_rules(fields)


@register_ledger
class StarResultLedger(_StarListLedger):
    model = StarResult
    nav_order = 52
    stars_required = False
    sheet = Sheet(
        name="star_results",
        title="评星结果",
        key=("village", "year"),
        columns=(
            Column("所属村", "village", required=True, example="桥湾村"),
            _year(),
            Column(
                "获评星",
                "stars",
                choices=_STARS,
                example="产业兴旺星、生态宜居星",
                help="可留空（未获评星）",
                aliases=("获评星级", "评定星"),
            ),
            Column("评定日期", "rated_on", example="2023-12-28"),
        ),
    )
    list_columns = ("village", "year", "stars", "level", "rated_on")
    filterset_class = filters.StarResultFilterSet
    form_fields = ("org", "year", "stars", "rated_on")

    def resolve(self, values, ctx):
        # The roles table keeps star_results for the county; say so rather than 无权导入该单位.
        if not ctx.acting_user.can(Capability.IMPORT, ctx.town, ledger=self.name):
            raise RowProblems([("village", "评星结果只能由县级审核员录入，村、镇不能导入")])
        fields = super().resolve(values, ctx)
        problem = import_year_problem(ctx, fields, rated_on_given="rated_on" in values)
        if problem:
            raise RowProblems([("year", problem)])
        return fields

    def validate(self, fields):
        return result_rules(fields)
