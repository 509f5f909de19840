"""积分制: the points rules of each village, the points ledger, and redemptions (积分超市).

A person is known by name within their village (the ledger has no ID number column), so a
balance is kept per (village, 姓名): the sum of their entries less the sum of their redemptions.
Entries are never deleted by the app's own pages: a wrong entry is corrected by a reversing entry.
"""

from django.db import models

from xiangzhi.core.models import LedgerModel


class Identity(models.TextChoices):
    PARTY_MEMBER = "党员", "党员"
    RESIDENT = "群众", "群众"


class PointRule(LedgerModel):
    """One line of a village's points table (adopted by its 村民代表会议/党员大会); org = the village."""

    item = models.CharField("积分事项", max_length=200)
    points = models.IntegerField("分值", help_text="加分填正数，扣分填负数")
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "积分规则"
        verbose_name_plural = "积分规则"
        ordering = ["-active", "-points", "item"]
        constraints = [models.UniqueConstraint(fields=["org", "item"], name="point_rule_item_per_village")]

    def __str__(self) -> str:
        return f"{self.item}（{self.points:+d}分）"


class PointEntry(LedgerModel):
    record_no = models.CharField("记录编号", max_length=40)
    person_name = models.CharField("姓名", max_length=50, db_index=True)
    identity = models.CharField("身份", max_length=4, choices=Identity.choices)
    entry_date = models.DateField("日期", db_index=True)
    item = models.CharField("积分事项", max_length=200)
    points = models.IntegerField("分值")
    # The entry this one cancels. One-to-one: the database itself refuses a second reversal.
    reverses = models.OneToOneField(
        "self",
        verbose_name="冲正的原记录",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="reversal",
    )

    class Meta:
        verbose_name = "积分记录"
        verbose_name_plural = "积分记录"
        ordering = ["-entry_date", "-record_no"]
        constraints = [models.UniqueConstraint(fields=["town", "record_no"], name="point_record_no_per_town")]
        indexes = [models.Index(fields=["org", "person_name"], name="point_entry_person")]

    def __str__(self) -> str:
        return f"{self.record_no} {self.person_name} {self.points:+d}分"


class Redemption(LedgerModel):
    """Points spent in the 积分超市; org = the village whose balance pays for it."""

    person_name = models.CharField("姓名", max_length=50, db_index=True)
    redeemed_on = models.DateField("兑换日期", db_index=True)
    item = models.CharField("兑换物品", max_length=200)
    points_spent = models.PositiveIntegerField("消耗积分")

    class Meta:
        verbose_name = "积分兑换"
        verbose_name_plural = "积分兑换"
        ordering = ["-redeemed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_name} {self.item}（{self.points_spent}分）"


class PointAccount(models.Model):
    """A row per person that a redemption locks, so two redemptions of one balance take turns.

    It holds no business data (balances are always summed from entries and redemptions), so it
    has no history; it exists because "lock the balance" needs a row to lock on PostgreSQL.
    """

    village = models.ForeignKey(
        "core.OrgUnit", verbose_name="所属村", on_delete=models.PROTECT, related_name="+"
    )
    person_name = models.CharField("姓名", max_length=50)

    class Meta:
        verbose_name = "积分账户"
        verbose_name_plural = "积分账户"
        constraints = [
            models.UniqueConstraint(fields=["village", "person_name"], name="one_point_account_per_person")
        ]

    def __str__(self) -> str:
        return self.person_name
