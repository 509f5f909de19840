"""平安建设 ledgers: surveillance points (雪亮工程), patrol teams and disputes (矛盾纠纷)."""

from django.db import models

from xiangzhi.core.models import LedgerModel
from xiangzhi.core.pii.masking import free_text
from xiangzhi.core.workflow import Workflow


class CameraStatus(models.TextChoices):
    WORKING = "正常", "正常"
    FAULTY = "故障", "故障"
    REMOVED = "拆除", "拆除"


class Camera(LedgerModel):
    camera_no = models.CharField("点位编号", max_length=40)
    location = free_text(models.CharField("位置", max_length=200))
    installed_on = models.DateField("安装日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=CameraStatus.choices, default=CameraStatus.WORKING
    )

    class Meta:
        verbose_name = "监控点位"
        verbose_name_plural = "监控点位"
        ordering = ["camera_no"]
        constraints = [models.UniqueConstraint(fields=["town", "camera_no"], name="camera_no_per_town")]

    def __str__(self) -> str:
        return f"{self.camera_no} {self.location}"


class PatrolTeam(LedgerModel):
    team_no = models.CharField("队伍编号", max_length=40)
    name = models.CharField("队伍名称", max_length=100)
    members_count = models.PositiveIntegerField("队员人数")
    founded_on = models.DateField("成立日期", null=True, blank=True)

    class Meta:
        verbose_name = "巡逻队"
        verbose_name_plural = "巡逻队"
        ordering = ["team_no"]
        constraints = [models.UniqueConstraint(fields=["town", "team_no"], name="patrol_team_no_per_town")]

    def __str__(self) -> str:
        return f"{self.team_no} {self.name}"


class DisputeStatus(models.TextChoices):
    MEDIATING = "调处中", "调处中"
    RESOLVED = "已化解", "已化解"
    ESCALATED = "已上报", "已上报"


# 调处中 ends either way: settled in the village (已化解) or passed up (已上报).
DISPUTE_WORKFLOW = Workflow(
    noun="纠纷",
    field="status",
    moves={
        (DisputeStatus.MEDIATING, DisputeStatus.RESOLVED): "化解",
        (DisputeStatus.MEDIATING, DisputeStatus.ESCALATED): "上报",
    },
)


class Dispute(LedgerModel):
    dispute_no = models.CharField("纠纷编号", max_length=40)
    registered_on = models.DateField("登记日期", db_index=True)
    kind = models.CharField("纠纷类型", max_length=50, blank=True)
    summary = free_text(models.TextField("简要情况"))
    status = models.CharField(
        "调处状态", max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.MEDIATING
    )
    resolved_on = models.DateField("化解日期", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "矛盾纠纷"
        verbose_name_plural = "矛盾纠纷"
        ordering = ["-registered_on", "dispute_no"]
        constraints = [models.UniqueConstraint(fields=["town", "dispute_no"], name="dispute_no_per_town")]

    def __str__(self) -> str:
        return f"{self.dispute_no} {self.summary[:20]}"
