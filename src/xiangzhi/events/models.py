"""活动 ledger: lectures, 宣讲会, 讲评会, volunteer service, publicity, drills, and the action items
a 讲评会 assigns to named villages."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from xiangzhi.core.models import LedgerModel
from xiangzhi.core.pii.masking import free_text
from xiangzhi.core.workflow import Workflow


class EventKind(models.TextChoices):
    LECTURE = "专题大讲堂", "专题大讲堂"
    BRIEFING = "宣讲会", "宣讲会"
    REVIEW_MEETING = "讲评会", "讲评会"
    VOLUNTEER = "志愿服务", "志愿服务"
    PUBLICITY = "宣传活动", "宣传活动"
    DRILL = "安全演练", "安全演练"
    SAFETY_TALK = "安全宣讲", "安全宣讲"
    SITE_REVIEW = "观摩评比", "观摩评比"
    OTHER = "其他", "其他"


class Event(LedgerModel):
    """An event held by the town or one of its villages (``org``, the 组织单位)."""

    event_no = models.CharField("活动编号", max_length=40)
    kind = models.CharField("活动类型", max_length=10, choices=EventKind.choices)
    title = models.CharField("活动名称", max_length=200)
    held_on = models.DateField("活动日期", db_index=True)
    participants = models.PositiveIntegerField("参与人数", null=True, blank=True)
    materials = models.PositiveIntegerField("发放资料份数", null=True, blank=True)

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动"
        ordering = ["-held_on", "event_no"]
        constraints = [models.UniqueConstraint(fields=["town", "event_no"], name="event_no_per_town")]

    def __str__(self) -> str:
        return f"{self.event_no} {self.title}"

    @property
    def takes_action_items(self) -> bool:
        return self.kind == EventKind.REVIEW_MEETING


class ActionItemState(models.TextChoices):
    """Not stored: an item is done once it has its 完成日期 (``ActionItem.state``)."""

    OPEN = "未办结", "未办结"
    DONE = "已办结", "已办结"


ACTION_ITEM_WORKFLOW = Workflow(
    noun="该事项",
    field="state",
    moves={(ActionItemState.OPEN, ActionItemState.DONE): "办结"},
    names_action=True,
)


class ActionItem(LedgerModel):
    """A task a 讲评会 gives one village, with a deadline, tracked until it is done.

    ``org`` is always the village: scoping is by ``org`` everywhere, so the village's cadres see
    and close their own items even when the meeting itself was held (and is visible) at town
    level. ``village`` names the same unit for readers; a check constraint keeps the two equal.
    """

    event = models.ForeignKey(
        Event, verbose_name="讲评会", on_delete=models.PROTECT, related_name="action_items"
    )
    village = models.ForeignKey(
        "core.OrgUnit", verbose_name="责任村", on_delete=models.PROTECT, related_name="+"
    )
    description = free_text(models.CharField("事项", max_length=500))
    deadline = models.DateField("完成期限", db_index=True)
    owner = models.CharField("责任人", max_length=50, blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "讲评会整改事项"
        verbose_name_plural = "讲评会整改事项"
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(org=F("village")), name="action_item_org_is_village")
        ]

    def __str__(self) -> str:
        return self.description[:30]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def state(self) -> str:
        return ActionItemState.DONE if self.is_done else ActionItemState.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.deadline < timezone.localdate()
