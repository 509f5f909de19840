"""A yearly star standard as data (DOMAIN §2.3): the five stars, their key tasks and veto items.

Nothing of the provincial rule is code: each year's standard is loaded from a file or edited in
the UI, and every application stores the standard it was judged under, so a new year's standard
never changes a past result.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.stars.choices import IndicatorType, StarName

# A standard is issued for a county or a town (or, with no org, for every installation's unit).
STANDARD_LEVELS = (OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY, OrgLevel.TOWN)


class StandardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Standards that apply to some unit the user works in, or that were issued inside it."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        conditions = [Q(org__isnull=True)]
        for path in user.scope_paths():
            ancestors = [path[:end] for end in range(OrgUnit.steplen, len(path) + 1, OrgUnit.steplen)]
            conditions += [Q(org__path__startswith=path), Q(org__path__in=ancestors)]
        return self.filter(reduce(or_, conditions))

    def in_force(self, unit: OrgUnit, year: int):
        """The standard in force for ``unit`` (a town or a village in it) in ``year``: the one
        issued closest above it, or the one for every unit."""
        candidates = self._applying_to(unit).filter(year=year)
        return candidates.select_related("org").order_by(models.F("org__depth").desc(nulls_last=True)).first()

    def years_in_force(self, unit: OrgUnit) -> set[int]:
        """The years some standard is in force for ``unit``: the years its star cycle runs here."""
        return set(self._applying_to(unit).order_by().values_list("year", flat=True))

    def _applying_to(self, unit: OrgUnit):
        ancestors = [unit.path[:end] for end in range(OrgUnit.steplen, len(unit.path) + 1, OrgUnit.steplen)]
        return self.filter(Q(org__isnull=True) | Q(org__path__in=ancestors))


class StarStandard(models.Model):
    org = models.ForeignKey(
        OrgUnit,
        verbose_name="适用范围",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空表示适用于所有单位",
    )
    year = models.PositiveSmallIntegerField("年度")
    label = models.CharField("标准名称", max_length=200)
    issuer = models.CharField("发布单位", max_length=100, blank=True)
    doc_no = models.CharField("文号", max_length=100, blank=True)
    is_example = models.BooleanField("示例标准（非官方）", default=False)
    notice_working_days = models.PositiveSmallIntegerField("公示期（工作日）", default=5)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = "创星标准"
        verbose_name_plural = "创星标准"
        ordering = ["-year", "org_id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="star_standard_org_year"),
            models.UniqueConstraint(
                fields=["year"], condition=Q(org__isnull=True), name="star_standard_global_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度 {self.label}"

    def clean(self) -> None:
        if self.org_id and self.org.level not in STANDARD_LEVELS:
            raise ValidationError({"org": "创星标准只能由乡镇或以上单位发布"})
        days = self.notice_working_days
        if isinstance(days, int) and not 1 <= days <= 30:
            raise ValidationError({"notice_working_days": "公示期应为 1–30 个工作日"})

    @property
    def scope_name(self) -> str:
        return self.org.name if self.org_id else "全部单位"


class PartQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Parts of the standards the user may see."""
        return self.filter(**{f"{self.model.standard_path}__in": StarStandard.objects.visible_to(user)})


class LivePartManager(models.Manager.from_queryset(PartQuerySet)):
    """Parts not in the recycle bin: what the standard is made of (``standard.stars``, ``tasks`` …)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class AllPartsManager(models.Manager.from_queryset(PartQuerySet)):
    """Every part, deleted ones included (the recycle bin, history)."""


class StandardPart(models.Model):
    """A star, task or veto item of a standard. Deleting one moves it to the recycle bin
    (``deleted_at``, with history), from where it can be restored; nothing is hard-deleted."""

    standard_path: str  # the lookup from the part to its StarStandard

    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False, db_index=True)

    objects = LivePartManager()
    all_objects = AllPartsManager()

    class Meta:
        abstract = True


class StarDefinition(StandardPart):
    standard_path = "standard"

    standard = models.ForeignKey(
        StarStandard, verbose_name="标准", on_delete=models.CASCADE, related_name="stars"
    )
    star = models.CharField("星", max_length=10, choices=StarName.choices)
    order = models.PositiveSmallIntegerField("排序", default=0)
    description = models.TextField("创建重点", blank=True)
    # DOMAIN §2.2: 支部过硬星 looks like the capstone earned after the other four; a switch, not a rule.
    is_capstone = models.BooleanField("压轴星", default=False)
    requires_all_others = models.BooleanField("须先获其他各星", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "星的定义"
        verbose_name_plural = "星的定义"
        ordering = ["standard_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "star"], condition=Q(deleted_at__isnull=True), name="star_definition_once"
            )
        ]

    def __str__(self) -> str:
        return self.star


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "不少于"
    AT_MOST = "lte", "不多于"


class StarTask(StandardPart):
    standard_path = "star__standard"

    star = models.ForeignKey(
        StarDefinition, verbose_name="星", on_delete=models.CASCADE, related_name="tasks"
    )
    seq = models.PositiveSmallIntegerField("序号")
    area = models.CharField("方面", max_length=50, blank=True)
    title = models.CharField("任务", max_length=200)
    indicator_type = models.CharField(
        "指标类型", max_length=10, choices=IndicatorType.choices, default=IndicatorType.BOOL
    )
    unit = models.CharField("单位", max_length=20, blank=True)
    comparison = models.CharField(
        "比较", max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    threshold = models.DecimalField("达标值", max_digits=12, decimal_places=2, null=True, blank=True)
    evidence_required = models.BooleanField("须附佐证材料", default=False)
    metric = models.CharField(
        "台账指标", max_length=40, blank=True, help_text="留空表示由村里提供佐证、人工认定"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "重点任务"
        verbose_name_plural = "重点任务"
        ordering = ["star_id", "seq", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["star", "seq"], condition=Q(deleted_at__isnull=True), name="star_task_seq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"

    def clean(self) -> None:
        from xiangzhi.stars.metrics import task_problems

        problems = task_problems(self.indicator_type, self.metric, self.threshold)
        if problems:
            raise ValidationError(problems)


class VetoRule(StandardPart):
    """一票否决: when it applies, the star cannot be awarded, and a held star is withdrawn (摘星)."""

    standard_path = "star__standard"

    star = models.ForeignKey(
        StarDefinition, verbose_name="星", on_delete=models.CASCADE, related_name="veto_rules"
    )
    title = models.CharField("否决事项", max_length=200)
    metric = models.CharField(
        "台账指标", max_length=40, blank=True, help_text="留空表示由镇里登记否决事件；填写则指标大于 0 即触发"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "否决事项"
        verbose_name_plural = "否决事项"
        ordering = ["star_id", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from xiangzhi.stars.metrics import veto_problems

        problems = veto_problems(self.metric)
        if problems:
            raise ValidationError(problems)
