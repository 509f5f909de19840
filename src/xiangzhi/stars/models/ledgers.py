"""The three star ledgers of CONTRACT §3: town targets, village plans and village results per year."""

from django.core.exceptions import ValidationError
from django.db import models

from xiangzhi.core.fields import ChoiceListField
from xiangzhi.core.models import LedgerModel
from xiangzhi.stars.choices import stars_and_level


class StarTarget(LedgerModel):
    """创星目标: how many five- and four-star branches a town aims for, and its ≥3-star share."""

    year = models.PositiveSmallIntegerField("年度")
    five_star = models.PositiveSmallIntegerField("五星支部数")
    four_star = models.PositiveSmallIntegerField("四星支部数")
    # A share in [0, 1]; four decimals keep 66.67% exact.
    three_plus_share = models.DecimalField("三星及以上占比", max_digits=5, decimal_places=4)

    class Meta:
        verbose_name = "创星目标"
        verbose_name_plural = "创星目标"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["town", "year"], name="star_target_year_per_town")]

    def __str__(self) -> str:
        return f"{self.year}年度创星目标"

    def display_three_plus_share(self) -> str:
        percent = (self.three_plus_share * 100).normalize()
        return f"{format(percent, 'f')}%"


class _StarList(LedgerModel):
    """A village's stars for a year; ``level`` is the number of distinct stars (CONTRACT §3)."""

    year = models.PositiveSmallIntegerField("年度")
    # Stored, not only computed, so reports count villages by level with one aggregate query.
    level = models.PositiveSmallIntegerField("星级", default=0, editable=False)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        self.stars, self.level = stars_and_level(self.stars)

    def display_stars(self) -> str:
        return "、".join(self.stars) or "—"

    def display_level(self) -> str:
        return f"{self.level}星"


class StarPlan(_StarList):
    """村创星计划: the stars a village branch sets out to earn in a year."""

    stars = ChoiceListField("计划创建星", max_length=100)

    class Meta:
        verbose_name = "村创星计划"
        verbose_name_plural = "村创星计划"
        ordering = ["-year", "org_id"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="star_plan_village_year")]

    def __str__(self) -> str:
        return f"{self.year}年度创星计划"


class StarResult(_StarList):
    """评星结果: the stars a village holds for a year (written by 定星, withdrawn by 摘星).

    By hand (form, import, service) only the county, which determines stars, writes a result,
    and only for a year before the platform (stars/cycle_years.py): a village never rates itself.
    """

    # Set by 定星 and 摘星 on the result they write: the one way a platform year's result changes.
    from_cycle = False

    stars = ChoiceListField("获评星", max_length=100, blank=True)
    rated_on = models.DateField("评定日期", null=True, blank=True)

    class Meta:
        verbose_name = "评星结果"
        verbose_name_plural = "评星结果"
        ordering = ["-year", "org_id"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="star_result_village_year")]

    def __str__(self) -> str:
        return f"{self.year}年度评星结果"

    def clean(self) -> None:
        super().clean()
        if self.from_cycle or not self.org_id or not isinstance(self.year, int):
            return
        from xiangzhi.stars.cycle_years import cycle_year_problem

        problem = cycle_year_problem(self.org, self.year)
        if problem:
            raise ValidationError({"year": problem})
