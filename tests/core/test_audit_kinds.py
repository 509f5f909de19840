"""Business events are written by one function with an enumerated kind; stored kinds keep their values."""

import pytest

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditEvent, AuditKind
from xiangzhi.core.services.orgs import org_delete

# Values already stored in databases and read by reports and tests: renaming one orphans old rows.
STORED_VALUES = {
    AuditKind.PII_REVEALED: "pii.revealed",
    AuditKind.PII_EXPORTED: "pii.exported",
    AuditKind.HAZARD_RECTIFIED: "hazard.rectified",
    AuditKind.PROBLEM_RESOLVED: "problem.resolved",
    AuditKind.STARS_STAR_AWARDED: "stars.star_awarded",
    AuditKind.USER_ROLE_ADDED: "user.role_added",
    AuditKind.DEMO_LOADED: "demo.loaded",
    AuditKind.ORG_DELETED: "org.deleted",
}


@pytest.mark.parametrize(("kind", "value"), STORED_VALUES.items())
def test_stored_kind_values_are_unchanged(kind, value):
    assert kind.value == value


def test_a_free_string_kind_is_refused_and_nothing_is_written(world):
    with pytest.raises(TypeError):
        record_event("hazard.fixed", actor=None, org=world.village)
    assert not AuditEvent.objects.exists()


def test_an_event_names_its_record_by_label_and_key(world):
    event = record_event(
        AuditKind.DEMO_LOADED, actor=world.users["town_admin"], org=world.town, record=world.village
    )
    event.refresh_from_db()
    assert (event.kind, event.org, event.object_type, event.object_id, event.detail) == (
        "demo.loaded",
        world.town,
        "core.orgunit",
        str(world.village.pk),
        {},
    )
    assert event.get_kind_display() == "加载演示数据"


def test_an_org_key_is_accepted_in_place_of_the_unit(world):
    event = record_event(AuditKind.PII_EXPORTED, actor=None, org=world.town.pk, object_type="care.household")
    event.refresh_from_db()
    assert (event.org, event.object_type, event.object_id) == (world.town, "care.household", "")


def test_deleting_an_org_records_which_unit(world):
    grid = world.grid
    org_delete(acting_user=world.users["town_admin"], unit=grid)
    event = AuditEvent.objects.get(kind="org.deleted")
    assert (event.object_type, event.object_id) == ("core.orgunit", str(grid.pk))
