"""Record factories of this app's ledgers for the permission matrix (see tests/factories.py)."""

import datetime as dt
import itertools

from xiangzhi.core.models import OrgLevel
from xiangzhi.events.models import ActionItem, Event, EventKind

_serial = itertools.count(1)


def make_event(org, **overrides) -> Event:
    """An event held by the village of ``org`` (events sit at a village or the town)."""
    village = org.unit_at_level(OrgLevel.VILLAGE) or org
    n = next(_serial)
    fields = {
        "event_no": f"HD{n:05d}",
        "kind": EventKind.LECTURE,
        "title": f"专题大讲堂第{n}期",
        "held_on": dt.date(2023, 3, 15),
        "participants": 40,
        "materials": 100,
        **overrides,
    }
    return Event.objects.create(org=village, town=village.unit_at_level(OrgLevel.TOWN), **fields)


def make_review_meeting(org, **overrides) -> Event:
    return make_event(org, kind=EventKind.REVIEW_MEETING, title="书记讲评会", **overrides)


def make_action_item(org, *, event=None, **overrides) -> ActionItem:
    """An open action item for the village of ``org``, from a town-level 讲评会 by default."""
    village = org.unit_at_level(OrgLevel.VILLAGE)
    town = village.unit_at_level(OrgLevel.TOWN)
    event = event or make_review_meeting(town)
    fields = {"description": "疏通排水沟", "deadline": dt.date(2023, 6, 30), "owner": "村支书", **overrides}
    return ActionItem.objects.create(event=event, village=village, org=village, town=town, **fields)


FACTORIES = {"events": make_event}
