"""讲评会 action items: assigned to a village with a deadline, then closed when done."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind, OrgUnit
from xiangzhi.core.problems import refuse_problems
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import recheck_scope
from xiangzhi.core.services.records import record_create, record_update
from xiangzhi.core.workflow import guard
from xiangzhi.events.models import ACTION_ITEM_WORKFLOW, ActionItem, ActionItemState, Event
from xiangzhi.events.rules import action_item_rules


def _audit(kind: AuditKind, item: ActionItem, acting_user, **detail) -> None:
    detail = {"event": item.event.event_no, **detail}
    record_event(kind, actor=acting_user, org=item.org, record=item, detail=detail)


@transaction.atomic
def action_item_add(
    *, event: Event, village: OrgUnit, description: str, deadline: dt.date, owner: str = "", acting_user
) -> ActionItem:
    """Give ``village`` a task from the 讲评会 ``event``. Whoever may edit the meeting assigns it."""
    recheck_scope(acting_user, Capability.EDIT, event.org)
    description = description.strip()
    refuse_problems(
        action_item_rules(event=event, village=village, deadline=deadline, description=description)
    )
    item = ActionItem(
        event=event,
        village=village,
        org=village,
        town=event.town,
        description=description,
        deadline=deadline,
        owner=owner.strip(),
    )
    record_create(item, acting_user=acting_user, reason=f"讲评会 {event.event_no} 布置")
    _audit(
        AuditKind.ACTION_ITEM_ASSIGNED, item, acting_user, village=village.name, deadline=deadline.isoformat()
    )
    return item


@transaction.atomic
def action_item_done(*, item: ActionItem, acting_user, expected_version: int, done_on: dt.date) -> ActionItem:
    """Close an open item; closing it again is refused (the first date stands)."""
    guard(ACTION_ITEM_WORKFLOW, item.state, ActionItemState.DONE, action="办结")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "完成日期不能晚于今天"})
    if done_on < item.event.held_on:
        raise ValidationError({"done_on": "完成日期不能早于讲评会日期"})
    item.done_on = done_on
    record_update(item, acting_user=acting_user, expected_version=expected_version, reason="办结")
    _audit(AuditKind.ACTION_ITEM_DONE, item, acting_user, done_on=done_on.isoformat())
    return item
