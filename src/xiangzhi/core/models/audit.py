from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """A typed business event written by a service (submitted, approved, revealed, imported...).

    Field-level history lives in each model's history table; this records *why* and *what kind*.
    """

    kind = models.CharField("事件类型", max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    org = models.ForeignKey(
        "core.OrgUnit", verbose_name="所属组织", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}#{self.object_id}"
