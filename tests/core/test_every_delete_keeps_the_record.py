"""Every delete in the UI moves its object to the recycle bin, from where it can be restored.

The walk takes every URL whose name ends in ``delete`` or ``remove`` (a removal is a delete by
another word), so a new delete view without an entry here fails the first test. Each entry
deletes one object as a persona allowed to, then checks the object is still in the database,
is listed in the trash and comes back from it.
"""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import RECORD_FACTORIES
from tests.stars.support import simple_document
from tests.world import ledger_writer
from xiangzhi.core.ledgers import all_ledgers
from xiangzhi.core.models import RoleAssignment, system_user
from xiangzhi.stars.models import StarTask, VetoRule
from xiangzhi.stars.services.evidence import evidence_add
from xiangzhi.stars.services.standards import standard_load

pytestmark = pytest.mark.django_db

TO_TRASH = "to the trash, restorable"
REFUSED = "refused, the record stays live"
GONE = "removed from the database"
ENDED = "ended, not deleted"

# Routes that do not (yet) go through the trash, and what they do instead.
EXCEPTIONS = {
    # A role assignment is not a record with a recycle bin: it is ended with a date (and can be
    # granted again from the user's page).
    "assignment-remove": ENDED,
}
# Who restores from the trash: the town administrator, but 评星结果 is the county's (core/roles.py).
RESTORERS = {"stars.starresult": "county_reviewer"}
# Ledgers corrected by a reversing entry, whose delete is refused (the record is never deleted).
UNDELETABLE_LEDGERS = {"points": REFUSED}


def _names(patterns) -> set[str]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.add(pattern.name)
    return found


DELETE_ROUTES = sorted(n for n in _names(get_resolver().url_patterns) if n.endswith(("delete", "remove")))


def _town_standard(world):
    return standard_load(
        raw=json.dumps(simple_document(2023)).encode(), org=world.town, acting_user=system_user()
    )


class Deleted:
    """One object deleted through its route: how to find it again, in the trash and restored."""

    def __init__(self, obj, route_kwargs, persona, trash_tab, restore_url):
        self.obj, self.route_kwargs, self.persona = obj, route_kwargs, persona
        self.trash_tab, self.restore_url = trash_tab, restore_url

    def stored(self):
        model = type(self.obj)
        return getattr(model, "all_objects", model.objects).get(pk=self.obj.pk)


def _ledger_record(world, ledger: str) -> Deleted:
    record = RECORD_FACTORIES[ledger](world.grid)
    label = record._meta.label_lower
    persona = ledger_writer(ledger)
    restore = reverse("record-restore", args=[label, record.pk])
    return Deleted(record, {"ledger": ledger, "pk": record.pk}, persona, label, restore)


def _unit(world) -> Deleted:
    unit = world.grid2  # no records, no users: a unit that may be deleted
    return Deleted(unit, {"pk": unit.pk}, "town_admin", "units", reverse("org-restore", args=[unit.pk]))


def _task(world) -> Deleted:
    task = StarTask.objects.filter(star__standard=_town_standard(world)).first()
    restore = reverse("record-restore", args=["stars.startask", task.pk])
    return Deleted(task, {"pk": task.pk}, "town_admin", "stars.startask", restore)


def _veto_rule(world) -> Deleted:
    rule = VetoRule.objects.get(star__standard=_town_standard(world))
    restore = reverse("record-restore", args=["stars.vetorule", rule.pk])
    return Deleted(rule, {"pk": rule.pk}, "town_admin", "stars.vetorule", restore)


def _evidence(world) -> Deleted:
    task = StarTask.objects.filter(star__standard=_town_standard(world)).first()
    evidence = evidence_add(
        village=world.village, year=2023, task=task, acting_user=world.users["village_cadre"], text="会议记录"
    )
    restore = reverse("record-restore", args=["stars.starevidence", evidence.pk])
    return Deleted(evidence, {"pk": evidence.pk}, "village_cadre", "stars.starevidence", restore)


BUILDERS = {
    "org-delete": _unit,
    "stars-task-delete": _task,
    "stars-veto-rule-delete": _veto_rule,
    "stars-evidence-remove": _evidence,
}


def test_every_delete_route_is_walked():
    walked = {"ledger-delete", *BUILDERS, *EXCEPTIONS}
    assert set(DELETE_ROUTES) == walked


def _cases():
    for route in DELETE_ROUTES:
        if route == "ledger-delete":
            for ledger in all_ledgers():
                expected = UNDELETABLE_LEDGERS.get(ledger.name, TO_TRASH)
                yield pytest.param(route, ledger.name, expected, id=f"{route}[{ledger.name}]")
        elif route in BUILDERS:
            yield pytest.param(route, None, TO_TRASH, id=route)


@pytest.mark.parametrize(("route", "ledger", "expected"), list(_cases()))
def test_a_deleted_object_stays_lists_in_the_trash_and_comes_back(world, client, route, ledger, expected):
    deleted = _ledger_record(world, ledger) if ledger else BUILDERS[route](world)
    client.force_login(world.users[deleted.persona])
    assert client.post(reverse(route, kwargs=deleted.route_kwargs)).status_code == 302
    stored = deleted.stored()
    if expected == REFUSED:
        assert stored.deleted_at is None
        return
    assert stored.deleted_at is not None
    assert stored.history.filter(deleted_at__isnull=False).exists()  # the deletion is in its history
    client.force_login(world.users[RESTORERS.get(deleted.trash_tab, "town_admin")])
    trash = client.get(reverse("trash"), {"ledger": deleted.trash_tab}).content.decode()
    assert deleted.restore_url in trash
    assert client.post(deleted.restore_url).status_code == 302
    assert deleted.stored().deleted_at is None


def test_a_removed_role_assignment_is_as_the_exceptions_table_says(world, client):
    assignment = RoleAssignment.objects.get(user=world.users["grid_worker"])
    client.force_login(world.users["town_admin"])
    assert client.post(reverse("assignment-remove", args=[assignment.pk])).status_code == 302
    still_stored = RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert {GONE: False, ENDED: True}[EXCEPTIONS["assignment-remove"]] == still_stored
