"""Writes of the points module that are more than CRUD: rules, reversing entries, redemptions.

These are the only write paths of points the module's pages offer. An entry is never deleted
or re-valued in place: a wrong entry gets a reversing entry (the negated value, pointing at the
original), so the ledger keeps both and the balance is right. A redemption locks the person's
account row, re-reads the balance and refuses to take it below zero; so does a reversal, which
takes the same lock (a reversed entry whose points were already spent would overdraw the balance).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind, OrgLevel, OrgUnit
from xiangzhi.core.problems import refuse_problems
from xiangzhi.core.services.records import record_create, record_update
from xiangzhi.points.models import PointAccount, PointEntry, PointRule, Redemption
from xiangzhi.points.rules import redemption_rules, rule_rules
from xiangzhi.points.selectors import person_balance

REVERSAL_MARK = "冲正"


def _audit(kind: AuditKind, record, acting_user, **detail) -> None:
    record_event(kind, actor=acting_user, org=record.org, record=record, detail=detail)


def _village(org: OrgUnit) -> OrgUnit:
    if org.level != OrgLevel.VILLAGE or org.deleted_at is not None:
        raise ValidationError({"village": "积分规则、积分和兑换都按村记录，请选择一个村"})
    return org


def _unique_item(village: OrgUnit, item: str, exclude_pk=None) -> None:
    taken = PointRule.all_objects.filter(org=village, item=item).exclude(pk=exclude_pk).exists()
    if taken:
        raise ValidationError({"item": f"{village.name}已有积分事项「{item}」"})


@transaction.atomic
def point_rule_create(*, village: OrgUnit, item: str, points: int, acting_user) -> PointRule:
    item = item.strip()
    refuse_problems(rule_rules(item=item, points=points))
    _unique_item(_village(village), item)
    rule = PointRule(org=village, item=item, points=points, active=True)
    return record_create(rule, acting_user=acting_user, reason="新增积分规则")


@transaction.atomic
def point_rule_update(
    *, rule: PointRule, item: str, points: int, active: bool, acting_user, expected_version: int
) -> PointRule:
    item = item.strip()
    refuse_problems(rule_rules(item=item, points=points))
    _unique_item(rule.org, item, exclude_pk=rule.pk)
    rule.item, rule.points, rule.active = item, points, active
    return record_update(
        rule, acting_user=acting_user, expected_version=expected_version, reason="修改积分规则"
    )


def _lock_person(village: OrgUnit, person_name: str) -> None:
    """Serialise every balance-changing write of one person.

    On PostgreSQL the account row is locked until commit, so a second redemption waits and then
    reads the balance the first one left. SQLite has no row locks; there the project opens every
    transaction IMMEDIATE (settings), which takes the database write lock up front and gives the
    same ordering. ``get_or_create`` survives two first-ever redemptions racing to create the row.
    """
    account, _ = PointAccount.objects.get_or_create(village=village, person_name=person_name)
    PointAccount.objects.select_for_update().get(pk=account.pk)


@transaction.atomic
def redemption_create(
    *,
    village: OrgUnit,
    person_name: str,
    item: str,
    points_spent: int,
    redeemed_on: dt.date | None = None,
    acting_user,
) -> Redemption:
    person_name, item = person_name.strip(), item.strip()
    refuse_problems(redemption_rules(person_name=person_name, item=item, points_spent=points_spent))
    _village(village)
    _lock_person(village, person_name)
    balance = person_balance(village, person_name)
    if points_spent > balance:
        raise ValidationError(
            {"points_spent": f"{person_name}当前积分余额 {balance} 分，不足以兑换 {points_spent} 分"}
        )
    redemption = Redemption(
        org=village,
        person_name=person_name,
        item=item,
        points_spent=points_spent,
        redeemed_on=redeemed_on or timezone.localdate(),
    )
    record_create(redemption, acting_user=acting_user, reason="积分超市兑换")
    _audit(
        AuditKind.POINTS_REDEEMED, redemption, acting_user, balance_before=balance, points_spent=points_spent
    )
    return redemption


def _reversal_no(original: PointEntry) -> str:
    base = f"{original.record_no}-{REVERSAL_MARK}"[:36]
    taken = set(
        PointEntry.all_objects.filter(town_id=original.town_id, record_no__startswith=base).values_list(
            "record_no", flat=True
        )
    )
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _check_reversible(original: PointEntry, reversed_on: dt.date, reason: str) -> None:
    if original.reverses_id is not None:
        raise ValidationError("这是一条冲正记录，不能再冲正；如冲正有误，请重新登记正确的积分")
    existing = PointEntry.all_objects.filter(reverses=original).first()
    if existing is not None:
        raise ValidationError(f"该记录已冲正（冲正记录 {existing.record_no}），不能重复冲正")
    if original.points == 0:
        raise ValidationError("分值为 0 的记录无需冲正")
    if not reason.strip():
        raise ValidationError({"reason": "请填写冲正原因"})
    if reversed_on < original.entry_date:
        raise ValidationError({"reversed_on": "冲正日期不能早于原记录日期"})


def _refuse_overdraft_by_reversal(original: PointEntry) -> None:
    """Under the person's lock: taking back points already spent in the 积分超市 would leave a
    negative balance, which no redemption could ever have been allowed to cause."""
    balance = person_balance(original.org, original.person_name)
    if balance - original.points < 0:
        raise ValidationError(
            f"{original.person_name}当前积分余额 {balance} 分，冲正这条 {original.points:+d} 分的记录后将为 "
            f"{balance - original.points} 分（已兑换的积分不能收回）。请先核对兑换记录，不能冲正"
        )


@transaction.atomic
def point_entry_reverse(
    *, entry: PointEntry, reason: str, reversed_on: dt.date | None = None, acting_user
) -> PointEntry:
    """Cancel ``entry`` with a new entry of the negated value that points at it."""
    original = PointEntry.objects.select_for_update().filter(pk=entry.pk).first()
    if original is None:
        raise ValidationError("原记录不存在或已删除")
    reversed_on = reversed_on or timezone.localdate()
    _check_reversible(original, reversed_on, reason)
    _lock_person(original.org, original.person_name)
    _refuse_overdraft_by_reversal(original)
    reversal = PointEntry(
        org=original.org,
        town_id=original.town_id,
        record_no=_reversal_no(original),
        person_name=original.person_name,
        identity=original.identity,
        entry_date=reversed_on,
        item=f"{REVERSAL_MARK}：{original.item}"[:200],
        points=-original.points,
        reverses=original,
    )
    record_create(reversal, acting_user=acting_user, reason=f"冲正 {original.record_no}：{reason.strip()}")
    _audit(
        AuditKind.POINTS_REVERSED,
        reversal,
        acting_user,
        original=original.record_no,
        points=original.points,
        reason=reason.strip(),
    )
    return reversal
