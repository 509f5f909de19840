"""经济: each village's collective income per year, and the town's economic indicators by period."""

from django.db import models

from xiangzhi.core.ledgers.display import format_value
from xiangzhi.core.models import LedgerModel
from xiangzhi.core.pii.masking import free_text
from xiangzhi.economy.periods import period_label


class CollectiveIncome(LedgerModel):
    """村集体经济收入 of one village (``org``) for one year, in 万元."""

    year = models.PositiveSmallIntegerField("年度", db_index=True)
    income_wan = models.DecimalField("集体经济收入(万元)", max_digits=12, decimal_places=4)
    main_source = free_text(models.CharField("主要来源", max_length=200, blank=True))

    class Meta:
        verbose_name = "村集体经济收入"
        verbose_name_plural = "村集体经济收入"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="collective_income_per_village_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.income_wan.normalize():f}万元"


class Indicator(LedgerModel):
    """A town figure (规上工业增加值, 社零总额, 增速 …) for a period; org = the town.

    ``starts_on``/``ends_on`` are derived from ``period`` so that reports select the indicators
    inside a date range with one query instead of parsing every period string.
    """

    name = models.CharField("指标名称", max_length=100)
    period = models.CharField("期间", max_length=7)
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    unit = models.CharField("单位", max_length=20)
    starts_on = models.DateField("期间开始", editable=False, db_index=True)
    ends_on = models.DateField("期间结束", editable=False, db_index=True)

    class Meta:
        verbose_name = "经济社会指标"
        verbose_name_plural = "经济社会指标"
        ordering = ["name", "starts_on", "ends_on"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name", "period"], name="indicator_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period}"

    def display_value(self) -> str:
        # Lists show the unit with the figure: the list column "unit" is taken by the engine for
        # the record's org unit (所属单位), so the model field of that name cannot be a column.
        return f"{format_value(self.value)} {self.unit}" if self.value is not None else "—"

    def display_period(self) -> str:
        return period_label(self.period) if self.period else "—"
