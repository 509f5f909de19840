"""Permission-matrix cases of the events pages (imported by tests/matrix_ledgers.py)."""

from tests.events.factories import make_action_item, make_review_meeting
from tests.matrix import Case, Target, register_cases
from xiangzhi.core.roles import Capability


def _review_meeting(world, location, variant):
    event = make_review_meeting(world.orgs[location])
    return Target({"pk": event.pk}, {}, event.org)


def _action_item(world, location, variant):
    # The meeting is held by the town; the item belongs to (and is closed by) the village.
    item = make_action_item(world.orgs[location])
    return Target({"pk": item.pk}, {"version": item.version}, item.org)


register_cases(
    {
        "events-home": Case(),
        "events-action-item-add": Case(target=_review_meeting, capability=Capability.EDIT),
        "events-action-item-done": Case(
            target=_action_item, capability=Capability.EDIT, method="POST", success=302
        ),
    }
)
