"""安全生产 ledgers: premises (经营场所), inspection rounds (排查记录), hazards (安全隐患) and their photos.

An inspection belongs where its premises belongs, and a hazard where its inspection belongs, so a
grid worker sees and records exactly the rounds and hazards of the premises in their grid.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from xiangzhi.core.models import LedgerModel
from xiangzhi.core.models.base import ScopedQuerySet
from xiangzhi.core.pii.fields import EncryptedCharField
from xiangzhi.core.pii.masking import free_text, mask_phone
from xiangzhi.core.workflow import Workflow


class PremisesKind(models.TextChoices):
    ENTERPRISE = "企业", "企业"
    NINE_SMALL = "九小场所", "九小场所"
    OTHER = "其他经营性场所", "其他经营性场所"


class Premises(LedgerModel):
    premises_no = models.CharField("场所编号", max_length=40)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=10, choices=PremisesKind.choices)
    # Open list (CONTRACT §3): 小餐饮, 小旅馆 … and whatever a town also counts.
    subtype = models.CharField("细分类", max_length=50, blank=True, db_index=True)
    address = free_text(models.CharField("地址", max_length=200, blank=True))
    manager = models.CharField("负责人", max_length=50, blank=True)
    # Revealable like a household's phone: an inspector calls the person in charge of a hazard.
    phone = EncryptedCharField("联系电话", max_length=20, blank=True, mask=mask_phone, revealable=True)

    class Meta:
        verbose_name = "经营场所"
        verbose_name_plural = "经营场所"
        ordering = ["premises_no"]
        constraints = [models.UniqueConstraint(fields=["town", "premises_no"], name="premises_no_per_town")]

    def __str__(self) -> str:
        return f"{self.premises_no} {self.name}"


class Inspection(LedgerModel):
    inspection_no = models.CharField("排查编号", max_length=40)
    premises = models.ForeignKey(
        Premises, verbose_name="场所", on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField("排查日期", db_index=True)
    person_times = models.PositiveIntegerField("出动人次")
    inspectors = models.CharField("检查人员", max_length=200, blank=True)

    class Meta:
        verbose_name = "排查记录"
        verbose_name_plural = "排查记录"
        ordering = ["-inspected_on", "inspection_no"]
        constraints = [
            models.UniqueConstraint(fields=["town", "inspection_no"], name="inspection_no_per_town")
        ]

    def __str__(self) -> str:
        # No premises name here: choice lists of inspections would cost a query per option.
        return f"{self.inspection_no}（{self.inspected_on:%Y-%m-%d}）"


class HazardCategory(models.TextChoices):
    GAS = "燃气安全", "燃气安全"
    WIRING = "电气线路", "电气线路"
    FIRE_EQUIPMENT = "消防设施", "消防设施"
    EXITS = "安全通道", "安全通道"
    CHEMICALS = "危化品", "危化品"
    STRUCTURE = "建筑结构", "建筑结构"
    OTHER = "其他", "其他"


class HazardGrade(models.TextChoices):
    GENERAL = "一般", "一般"
    MAJOR = "重大", "重大"


class HazardStatus(models.TextChoices):
    PENDING = "待整改", "待整改"
    IN_PROGRESS = "整改中", "整改中"
    RECTIFIED = "已整改", "已整改"
    CLOSED = "已销号", "已销号"


OPEN_STATUSES = (HazardStatus.PENDING, HazardStatus.IN_PROGRESS)
DONE_STATUSES = (HazardStatus.RECTIFIED, HazardStatus.CLOSED)

# The hazard cycle: 已整改 goes on to 已销号 when a re-check passes, back to 整改中 when it fails.
HAZARD_WORKFLOW = Workflow(
    noun="隐患",
    field="status",
    moves={
        (HazardStatus.PENDING, HazardStatus.IN_PROGRESS): "开始整改",
        (HazardStatus.PENDING, HazardStatus.RECTIFIED): "登记整改完成",
        (HazardStatus.IN_PROGRESS, HazardStatus.RECTIFIED): "登记整改完成",
        (HazardStatus.RECTIFIED, HazardStatus.CLOSED): "复查销号",
        (HazardStatus.RECTIFIED, HazardStatus.IN_PROGRESS): "复查",
    },
    names_action=True,
)


class Hazard(LedgerModel):
    hazard_no = models.CharField("隐患编号", max_length=40)
    inspection = models.ForeignKey(
        Inspection, verbose_name="排查记录", on_delete=models.PROTECT, related_name="hazards"
    )
    category = models.CharField("隐患类别", max_length=10, choices=HazardCategory.choices)
    description = free_text(models.TextField("隐患描述"))
    grade = models.CharField(
        "隐患等级", max_length=4, choices=HazardGrade.choices, default=HazardGrade.GENERAL
    )
    deadline = models.DateField("整改期限", db_index=True)
    responsible = models.CharField("整改责任人", max_length=50, blank=True)
    status = models.CharField(
        "整改状态", max_length=4, choices=HazardStatus.choices, default=HazardStatus.PENDING, db_index=True
    )
    rectified_on = models.DateField("整改完成日期", null=True, blank=True, db_index=True)
    # Set by the workflow services only (an imported ledger does not say who did what).
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="整改登记人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rechecked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复查登记人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who re-checked, by name: the ledger's 复查人 column, or the user who recorded the re-check.
    rechecker = models.CharField("复查人", max_length=50, blank=True, editable=False)
    rechecked_on = models.DateField("复查日期", null=True, blank=True, editable=False)
    recheck_note = free_text(models.TextField("复查意见", blank=True, editable=False))

    class Meta:
        verbose_name = "安全隐患"
        verbose_name_plural = "安全隐患"
        ordering = ["-deadline", "hazard_no"]
        constraints = [models.UniqueConstraint(fields=["town", "hazard_no"], name="hazard_no_per_town")]

    def __str__(self) -> str:
        return f"{self.hazard_no} {self.description[:20]}"

    @property
    def found_on(self) -> dt.date:
        """A hazard is found on the day of its inspection round (CONTRACT §4)."""
        return self.inspection.inspected_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()

    @property
    def is_supervised(self) -> bool:
        """重大 hazards stay under 挂牌督办 until they are closed (销号)."""
        return self.grade == HazardGrade.MAJOR and self.status != HazardStatus.CLOSED

    def display_grade(self) -> str:
        return f"{self.grade}（挂牌督办）" if self.is_supervised else self.grade

    def display_deadline(self) -> str:
        shown = f"{self.deadline.year}年{self.deadline.month}月{self.deadline.day}日"
        return f"{shown}（已逾期）" if self.is_overdue else shown


class PhotoKind(models.TextChoices):
    BEFORE = "整改前", "整改前"
    AFTER = "整改后", "整改后"


def _photo_path(instance: "HazardPhoto", filename: str) -> str:
    return f"safety/hazards/{instance.hazard.town_id}/{instance.hazard_id}/{filename}"


class HazardPhoto(models.Model):
    """A photo of a hazard, re-encoded without EXIF; served only through a scope-checking view."""

    # Visible where its hazard is visible (the scoping helpers follow the relation).
    scope_field = "hazard__org"

    hazard = models.ForeignKey(Hazard, verbose_name="隐患", on_delete=models.PROTECT, related_name="photos")
    kind = models.CharField("照片类型", max_length=4, choices=PhotoKind.choices)
    image = models.FileField("照片", upload_to=_photo_path, max_length=255)
    thumbnail = models.FileField("缩略图", upload_to=_photo_path, max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "隐患照片"
        verbose_name_plural = "隐患照片"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}照片 #{self.pk}"
