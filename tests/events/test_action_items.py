"""讲评会 action items: assigned to a village with a deadline, tracked until done."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import make_action_item, make_event, make_review_meeting
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.records import StaleRecordError, record_delete
from xiangzhi.events.models import ActionItem
from xiangzhi.events.selectors import open_action_items
from xiangzhi.events.services import action_item_add, action_item_done

pytestmark = pytest.mark.django_db


def _assign(world, event, village=None, **overrides):
    fields = {"description": "污水管网入户", "deadline": dt.date(2023, 6, 30), "owner": "张支书", **overrides}
    return action_item_add(
        event=event, village=village or world.village, acting_user=world.users["town_admin"], **fields
    )


def test_a_review_meeting_assigns_a_village_a_task_with_history_and_an_audit_event(world):
    meeting = make_review_meeting(world.town)

    item = _assign(world, meeting)

    item.refresh_from_db()
    assert (item.village, item.org, item.town, item.done_on) == (
        world.village,
        world.village,
        world.town,
        None,
    )
    assert item.history.get().history_user == world.users["town_admin"]
    assert AuditEvent.objects.filter(kind="action_item.assigned", object_id=str(item.pk)).exists()


def test_only_a_review_meeting_takes_action_items(world):
    lecture = make_event(world.town)

    with pytest.raises(ValidationError, match="只有讲评会可以布置整改事项"):
        _assign(world, lecture)
    assert not ActionItem.objects.exists()


def test_the_village_must_belong_to_the_meetings_town(world):
    meeting = make_review_meeting(world.town)

    with pytest.raises(ValidationError, match="责任村必须是宁郭镇的村"):
        _assign(world, meeting, village=world.other_village)
    with pytest.raises(ValidationError, match="责任村必须是宁郭镇的村"):
        _assign(world, meeting, village=world.grid)


def test_the_deadline_cannot_precede_the_meeting(world):
    meeting = make_review_meeting(world.town, held_on=dt.date(2023, 3, 15))

    with pytest.raises(ValidationError, match="完成期限不能早于讲评会日期"):
        _assign(world, meeting, deadline=dt.date(2023, 3, 1))


def test_the_village_cadre_closes_their_item(world):
    item = make_action_item(world.village)

    action_item_done(
        item=item, acting_user=world.users["village_cadre"], expected_version=1, done_on=dt.date(2023, 7, 2)
    )

    item.refresh_from_db()
    assert item.done_on == dt.date(2023, 7, 2)
    assert item.version == 2
    assert item.history.latest().history_change_reason == "办结"
    assert AuditEvent.objects.filter(kind="action_item.done", object_id=str(item.pk)).exists()


def test_closing_an_item_twice_is_refused(world):
    item = make_action_item(world.village)
    action_item_done(
        item=item, acting_user=world.users["village_cadre"], expected_version=1, done_on=dt.date(2023, 7, 2)
    )

    with pytest.raises(ValidationError, match="该事项当前为「已办结」，不能办结"):
        action_item_done(
            item=item, acting_user=world.users["town_admin"], expected_version=2, done_on=dt.date(2023, 8, 1)
        )
    item.refresh_from_db()
    assert item.done_on == dt.date(2023, 7, 2)


def test_an_item_cannot_be_done_before_its_meeting_or_in_the_future(world):
    item = make_action_item(world.village)  # meeting held 2023-03-15
    cadre = world.users["village_cadre"]

    with pytest.raises(ValidationError, match="不能早于讲评会日期"):
        action_item_done(item=item, acting_user=cadre, expected_version=1, done_on=dt.date(2023, 3, 1))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        action_item_done(item=item, acting_user=cadre, expected_version=1, done_on=tomorrow)


def test_a_stale_copy_cannot_close_an_item(world):
    item = make_action_item(world.village)
    ActionItem.objects.filter(pk=item.pk).update(version=2)

    with pytest.raises(StaleRecordError):
        action_item_done(
            item=item,
            acting_user=world.users["village_cadre"],
            expected_version=1,
            done_on=dt.date(2023, 7, 2),
        )


def test_open_action_items_lists_only_the_villages_open_items_its_reader_may_see(world):
    meeting = make_review_meeting(world.town)
    late = make_action_item(world.village, event=meeting, deadline=dt.date(2023, 9, 1))
    soon = make_action_item(world.village, event=meeting, deadline=dt.date(2023, 5, 1))
    make_action_item(world.village, event=meeting, done_on=dt.date(2023, 4, 1))
    make_action_item(world.village2, event=meeting)
    cancelled = make_review_meeting(world.town)
    make_action_item(world.village, event=cancelled)
    record_delete(cancelled, acting_user=world.users["town_admin"])

    assert list(open_action_items(world.village, world.users["village_cadre"])) == [soon, late]
    assert list(open_action_items(world.village, world.users["town_admin"])) == [soon, late]
    assert list(open_action_items(world.village, world.users["outsider"])) == []


def test_the_village_cadre_closes_an_item_from_the_page(world, client_for):
    item = make_action_item(world.village)
    client = client_for("village_cadre")

    response = client.post(reverse("events-action-item-done", args=[item.pk]), {"version": 1})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_on == timezone.localdate()


def test_another_villages_cadre_cannot_find_the_item(world, client_for):
    item = make_action_item(world.village2)

    response = client_for("village_cadre").post(
        reverse("events-action-item-done", args=[item.pk]), {"version": 1}
    )

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.done_on is None


def test_closing_twice_from_the_page_shows_a_message(world, client_for):
    item = make_action_item(world.village, done_on=dt.date(2023, 4, 1))

    response = client_for("village_cadre").post(
        reverse("events-action-item-done", args=[item.pk]), {"version": 1}, follow=True
    )

    assert "该事项当前为「已办结」，不能办结" in response.content.decode()


def test_the_town_admin_assigns_an_item_from_the_meetings_page(world, client_for):
    meeting = make_review_meeting(world.town)
    client = client_for("town_admin")
    url = reverse("events-action-item-add", args=[meeting.pk])
    data = {
        "village": world.village2.pk,
        "description": "黄庄排涝",
        "deadline": "2023-08-01",
        "owner": "李主任",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.village, item.owner) == (world.village2, "李主任")
    page = client.get(reverse("ledger-detail", args=["events", meeting.pk])).content.decode()
    assert "黄庄排涝" in page
    assert "布置整改事项" in page


def test_the_assign_form_offers_only_villages_the_user_may_write_to(world, client_for):
    meeting = make_review_meeting(world.village)  # a village's own 讲评会

    response = client_for("village_cadre").post(
        reverse("events-action-item-add", args=[meeting.pk]),
        {"village": world.village2.pk, "description": "越权布置", "deadline": "2023-08-01"},
    )

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_a_bad_deadline_is_shown_on_the_form(world, client_for):
    meeting = make_review_meeting(world.town, held_on=dt.date(2023, 3, 15))

    response = client_for("town_admin").post(
        reverse("events-action-item-add", args=[meeting.pk]),
        {"village": world.village.pk, "description": "事项", "deadline": "2023-01-01"},
    )

    assert response.status_code == 200
    assert "完成期限不能早于讲评会日期" in response.content.decode()
    assert not ActionItem.objects.exists()
