"""基础设施 ledger: roads, lanes, sewers, drainage and greening projects, and their types.

Project types beyond CONTRACT's list are data (``ProjectType``): shared by all towns, or a town's
own. A project stores its type's name, which is what the Excel cell holds.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from xiangzhi.core.models import LedgerModel, OrgUnit
from xiangzhi.core.workflow import Workflow

# CONTRACT §3's list, seeded by migration 0002; administrators may add more and retire any.
CONTRACT_PROJECT_TYPES = (
    "村道大修",
    "背街小巷硬化",
    "污水管网",
    "河道疏通",
    "排水沟疏通",
    "排涝河道",
    "绿化",
    "其他",
)


class ProjectType(models.Model):
    """A type a project may take: shared by every town (``town`` blank: CONTRACT's list and what the
    system administrator adds), or one town's own, kept by that town's administrators so that a
    town adding or retiring a type changes nothing for the other towns of the county."""

    name = models.CharField("类型名称", max_length=50)
    town = models.ForeignKey(
        OrgUnit,
        verbose_name="所属乡镇",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空 = 各乡镇共用",
    )
    order = models.PositiveSmallIntegerField("排序", default=100)
    active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目类型"
        verbose_name_plural = "项目类型"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "name"],
                name="project_type_unique_in_town",
                violation_error_message="该乡镇已有同名的项目类型",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(town__isnull=True),
                name="project_type_unique_shared",
                violation_error_message="已有同名的共用项目类型",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shared(self) -> bool:
        return self.town_id is None


class ProjectStatus(models.TextChoices):
    PLANNED = "计划", "计划"
    IN_PROGRESS = "在建", "在建"
    COMPLETED = "已完工", "已完工"


PROJECT_WORKFLOW = Workflow(
    noun="项目",
    field="status",
    moves={
        (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS): "开工",
        (ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED): "完工",
    },
)


class Project(LedgerModel):
    """A project of a village, or of the town itself (所属村 blank): org is a village or the town."""

    project_no = models.CharField("项目编号", max_length=40)
    name = models.CharField("项目名称", max_length=200)
    kind = models.CharField("项目类型", max_length=50, db_index=True)
    length_m = models.DecimalField("长度（米）", max_digits=12, decimal_places=2, null=True, blank=True)
    investment_wan = models.DecimalField(
        "投资（万元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        "项目状态", max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    started_on = models.DateField("开工日期", null=True, blank=True)
    completed_on = models.DateField("完工日期", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "基础设施项目"
        verbose_name_plural = "基础设施项目"
        ordering = ["project_no"]
        constraints = [models.UniqueConstraint(fields=["town", "project_no"], name="project_no_per_town")]

    def __str__(self) -> str:
        return f"{self.project_no} {self.name}"
