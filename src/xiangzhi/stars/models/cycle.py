"""The annual cycle of a village's stars: applications, objections during 公示, vetoes and evidence.

All four are org-owned records (``org`` = the village), so scoping, soft delete, optimistic
locking and per-record history come from ``LedgerModel``; the moves between states are named
services in ``xiangzhi.stars.services``.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from xiangzhi.core.models import LedgerModel
from xiangzhi.core.pii.masking import free_text
from xiangzhi.stars.choices import ApplicationStatus, ObjectionStatus, StarName, VetoKind
from xiangzhi.stars.models.standards import StarStandard, StarTask, VetoRule

EVIDENCE_MAX_BYTES = getattr(settings, "XIANGZHI_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)


class StarApplication(LedgerModel):
    """One star a village goes for in one year, from 村自评 to 定星 (or 摘星)."""

    year = models.PositiveSmallIntegerField("年度")
    star = models.CharField("星", max_length=10, choices=StarName.choices)
    # PROTECT: a standard that judged an application can never disappear from under it.
    standard = models.ForeignKey(
        StarStandard, verbose_name="评定标准", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    self_assessment = free_text(models.TextField("自评说明"))
    # The tasks as they stood when the village submitted: what the reviewers judged.
    snapshot = models.JSONField("自评时任务情况", default=list, blank=True, editable=False)
    submitted_on = models.DateField("申报日期", null=True, blank=True)
    town_comment = free_text(models.TextField("镇初审意见", blank=True))
    county_comment = free_text(models.TextField("县审核意见", blank=True))
    return_reason = free_text(models.TextField("退回原因", blank=True))
    notice_starts_on = models.DateField("公示开始", null=True, blank=True)
    notice_ends_on = models.DateField("公示结束", null=True, blank=True)
    awarded_on = models.DateField("定星日期", null=True, blank=True)
    withdrawn_on = models.DateField("摘星日期", null=True, blank=True)
    withdraw_reason = free_text(models.TextField("摘星原因", blank=True))

    class Meta:
        verbose_name = "创星申报"
        verbose_name_plural = "创星申报"
        ordering = ["-year", "org_id", "star"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "star"], name="star_application_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度{self.star}申报"


class Objection(LedgerModel):
    """An objection received during 公示; awarding waits until every one is resolved."""

    application = models.ForeignKey(
        StarApplication, verbose_name="申报", on_delete=models.PROTECT, related_name="objections"
    )
    received_on = models.DateField("收到日期")
    content = free_text(models.TextField("异议内容"))
    status = models.CharField(
        "处理状态", max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = free_text(models.TextField("处理意见", blank=True))
    resolved_on = models.DateField("处理日期", null=True, blank=True)

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"异议（{self.received_on:%Y-%m-%d}）"


class VetoEvent(LedgerModel):
    """A veto (一票否决) recorded for a village: blocks the star for the year, withdraws it if held."""

    year = models.PositiveSmallIntegerField("年度")
    star = models.CharField("否决的星", max_length=10, choices=StarName.choices)
    rule = models.ForeignKey(
        VetoRule, verbose_name="否决事项", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("事件类型", max_length=20, choices=VetoKind.choices)
    occurred_on = models.DateField("发生日期")
    description = free_text(models.TextField("情况说明"))
    reference = models.CharField("关联记录", max_length=100, blank=True, help_text="如隐患编号、案件编号")

    class Meta:
        verbose_name = "否决事件"
        verbose_name_plural = "否决事件"
        ordering = ["-occurred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.star}）"


def evidence_path(instance, filename: str) -> str:
    """Files go under the data dir by town with a random name; the original name is kept apart."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"stars/evidence/{instance.town_id}/{uuid.uuid4().hex}{suffix}"


class StarEvidence(LedgerModel):
    """Evidence a village attaches to one task: a note, a figure, a photo or a document."""

    year = models.PositiveSmallIntegerField("年度")
    task = models.ForeignKey(StarTask, verbose_name="任务", on_delete=models.PROTECT, related_name="+")
    text = free_text(models.TextField("说明", blank=True))
    value = models.DecimalField("自评数值", max_digits=12, decimal_places=2, null=True, blank=True)
    file = models.FileField("附件", upload_to=evidence_path, max_length=255, blank=True)
    file_name = models.CharField("附件名", max_length=200, blank=True)
    file_size = models.PositiveIntegerField("附件大小", null=True, blank=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name or (self.text[:20] if self.text else "佐证材料")
