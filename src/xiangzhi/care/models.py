"""六帮六助 care ledgers: vulnerable households, their members, monthly visits, problems, 实事."""

from django.db import models

from xiangzhi.core.fields import ChoiceListField
from xiangzhi.core.models import LedgerModel
from xiangzhi.core.pii.fields import EncryptedCharField, index_column, last4_column
from xiangzhi.core.pii.idcard import IdNumberValidator
from xiangzhi.core.pii.masking import free_text, mask_id, mask_phone
from xiangzhi.core.workflow import Workflow


class HouseholdCategory(models.TextChoices):
    DIBAO = "低保户", "低保户"
    TEKUN = "特困供养户", "特困供养户"
    DISABLED = "残疾人家庭", "残疾人家庭"
    ELDERLY_ALONE = "独居老人", "独居老人"
    LEFT_BEHIND = "留守儿童家庭", "留守儿童家庭"
    SERIOUS_ILLNESS = "重病患者家庭", "重病患者家庭"
    MONITORED = "脱贫监测户", "脱贫监测户"
    OTHER = "其他", "其他"


class Household(LedgerModel):
    household_no = models.CharField("户编号", max_length=40)
    head_name = models.CharField("户主姓名", max_length=50)
    head_id_number = EncryptedCharField(
        "户主身份证号", max_length=18, validators=[IdNumberValidator()], mask=mask_id, revealable=True
    )
    head_id_number_index = index_column("户主身份证号索引")
    head_id_number_last4 = last4_column("户主身份证号后四位")
    phone = EncryptedCharField("联系电话", max_length=20, blank=True, mask=mask_phone, revealable=True)
    size = models.PositiveSmallIntegerField("家庭人口")
    categories = ChoiceListField("类别", max_length=200)
    # No index: the list filters it with icontains (which no index serves) and 每月走访 groups only
    # the households already selected by org; an index would cost every insert, history included.
    helper = models.CharField("帮扶责任人", max_length=50, blank=True)
    enrolled_on = models.DateField("纳入日期")
    exited_on = models.DateField("退出日期", null=True, blank=True)
    exit_reason = free_text(models.CharField("退出原因", max_length=200, blank=True))

    class Meta:
        verbose_name = "困难群体家庭"
        verbose_name_plural = "困难群体家庭"
        ordering = ["household_no"]
        constraints = [models.UniqueConstraint(fields=["town", "household_no"], name="household_no_per_town")]

    def __str__(self) -> str:
        return f"{self.household_no} {self.head_name}"

    def display_categories(self) -> str:
        return "、".join(self.categories) or "—"

    @property
    def in_register(self) -> bool:
        return self.exited_on is None


class Member(LedgerModel):
    org_follows = "household"  # kept in the household's grid or village, moved with it

    household = models.ForeignKey(
        Household, verbose_name="户", on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField("姓名", max_length=50)
    id_number = EncryptedCharField(
        "身份证号", max_length=18, validators=[IdNumberValidator()], mask=mask_id, revealable=True
    )
    id_number_index = index_column("身份证号索引")
    id_number_last4 = last4_column("身份证号后四位")
    relation = models.CharField("与户主关系", max_length=20)
    special = free_text(models.CharField("特殊情况", max_length=200, blank=True))

    class Meta:
        verbose_name = "家庭成员"
        verbose_name_plural = "家庭成员"
        ordering = ["household_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["town", "id_number_index"], name="member_id_per_town")]

    def __str__(self) -> str:
        return self.name


class VisitMethod(models.TextChoices):
    HOME = "入户走访", "入户走访"
    PHONE = "电话回访", "电话回访"
    FESTIVAL = "节日慰问", "节日慰问"
    OTHER = "其他", "其他"


class Visit(LedgerModel):
    org_follows = "household"  # kept in the household's grid or village, moved with it

    household = models.ForeignKey(
        Household, verbose_name="户", on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField("走访日期", db_index=True)
    visitor = models.CharField("走访人", max_length=50)
    method = models.CharField(
        "走访方式", max_length=10, choices=VisitMethod.choices, default=VisitMethod.HOME
    )
    notes = free_text(models.TextField("情况记录", blank=True))

    class Meta:
        verbose_name = "走访记录"
        verbose_name_plural = "走访记录"
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "visited_on", "visitor"], name="one_visit_per_day_visitor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.visitor}"


class ProblemStatus(models.TextChoices):
    OPEN = "待办理", "待办理"
    IN_PROGRESS = "办理中", "办理中"
    RESOLVED = "已解决", "已解决"


PROBLEM_WORKFLOW = Workflow(
    noun="问题",
    field="status",
    moves={
        (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS): "开始办理",
        (ProblemStatus.OPEN, ProblemStatus.RESOLVED): "办结",
        (ProblemStatus.IN_PROGRESS, ProblemStatus.RESOLVED): "办结",
    },
)


class Problem(LedgerModel):
    problem_no = models.CharField("问题编号", max_length=40)
    household = models.ForeignKey(
        Household, verbose_name="户", null=True, blank=True, on_delete=models.PROTECT, related_name="problems"
    )
    raised_on = models.DateField("提出日期", db_index=True)
    category = models.CharField("问题类别", max_length=50, blank=True)
    description = free_text(models.TextField("问题描述"))
    status = models.CharField(
        "办理状态", max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolved_on = models.DateField("解决日期", null=True, blank=True, db_index=True)
    result = free_text(models.TextField("办理结果", blank=True))

    class Meta:
        verbose_name = "困难问题"
        verbose_name_plural = "困难问题"
        ordering = ["-raised_on", "problem_no"]
        constraints = [models.UniqueConstraint(fields=["town", "problem_no"], name="problem_no_per_town")]

    def __str__(self) -> str:
        return f"{self.problem_no} {self.description[:20]}"


class Matter(LedgerModel):
    matter_no = models.CharField("实事编号", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    completed_on = models.DateField("完成日期", db_index=True)
    beneficiaries = models.PositiveIntegerField("受益户数", null=True, blank=True)

    class Meta:
        verbose_name = "实事"
        verbose_name_plural = "实事"
        ordering = ["-completed_on", "matter_no"]
        constraints = [models.UniqueConstraint(fields=["town", "matter_no"], name="matter_no_per_town")]

    def __str__(self) -> str:
        return f"{self.matter_no} {self.name}"
