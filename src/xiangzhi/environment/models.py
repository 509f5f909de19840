"""人居环境 ledgers: yearly courtyard ratings (五美庭院) and clean-up volumes (环境整治)."""

from django.db import models

from xiangzhi.core.models import LedgerModel


class CourtyardRating(models.TextChoices):
    FIVE_BEAUTIES = "五美庭院", "五美庭院"
    BEAUTIFUL = "美丽庭院", "美丽庭院"
    NOT_MET = "未达标", "未达标"


class Courtyard(LedgerModel):
    """One rating of one courtyard in one year: the same 庭院编号 comes back every year."""

    courtyard_no = models.CharField("庭院编号", max_length=40)
    owner_name = models.CharField("户主姓名", max_length=50)
    year = models.PositiveSmallIntegerField("评比年度", db_index=True)
    rating = models.CharField("评定结果", max_length=10, choices=CourtyardRating.choices)

    class Meta:
        verbose_name = "庭院评比"
        verbose_name_plural = "庭院评比"
        ordering = ["-year", "courtyard_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "courtyard_no", "year"], name="courtyard_no_year_per_town"
            )
        ]

    def __str__(self) -> str:
        return f"{self.courtyard_no} {self.owner_name}（{self.year}年）"


class CleanupKind(models.TextChoices):
    CONSTRUCTION = "建筑垃圾", "建筑垃圾"
    HOUSEHOLD = "生活垃圾", "生活垃圾"
    OTHER = "其他", "其他"


class Cleanup(LedgerModel):
    record_no = models.CharField("记录编号", max_length=40)
    cleaned_on = models.DateField("日期", db_index=True)
    kind = models.CharField("清理类型", max_length=10, choices=CleanupKind.choices)
    volume_m3 = models.DecimalField("清理量（立方米）", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "环境整治"
        verbose_name_plural = "环境整治"
        ordering = ["-cleaned_on", "record_no"]
        constraints = [models.UniqueConstraint(fields=["town", "record_no"], name="cleanup_no_per_town")]

    def __str__(self) -> str:
        return f"{self.record_no} {self.kind}"
