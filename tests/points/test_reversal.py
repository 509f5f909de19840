"""A wrong points entry is corrected by a reversing entry, never by deleting or re-valuing it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.points.factories import make_point_entry
from xiangzhi.core.models import AuditEvent
from xiangzhi.points.models import PointEntry
from xiangzhi.points.selectors import person_balance
from xiangzhi.points.services import point_entry_reverse

pytestmark = pytest.mark.django_db


def _reverse(world, entry, **overrides):
    fields = {"reason": "登记错人", "reversed_on": dt.date(2023, 6, 1), **overrides}
    return point_entry_reverse(entry=entry, acting_user=world.users["village_cadre"], **fields)


def test_reversing_adds_the_negated_entry_pointing_at_the_original(world):
    entry = make_point_entry(world.village, record_no="JF-7", points=5, identity="党员", item="志愿服务")

    reversal = _reverse(world, entry)

    reversal.refresh_from_db()
    assert reversal.reverses == entry
    assert (reversal.record_no, reversal.points, reversal.item) == ("JF-7-冲正", -5, "冲正：志愿服务")
    assert (reversal.person_name, reversal.identity, reversal.org) == (
        entry.person_name,
        "党员",
        world.village,
    )
    assert reversal.entry_date == dt.date(2023, 6, 1)
    assert PointEntry.objects.filter(pk=entry.pk, points=5).exists()  # the original stays as it was
    assert person_balance(world.village, entry.person_name) == 0
    assert "登记错人" in reversal.history.get().history_change_reason
    assert AuditEvent.objects.filter(kind="points.reversed", object_id=str(reversal.pk)).exists()


def test_reversing_twice_is_refused(world):
    entry = make_point_entry(world.village)
    _reverse(world, entry)

    with pytest.raises(ValidationError, match="不能重复冲正"):
        _reverse(world, entry)
    assert PointEntry.objects.count() == 2


def test_a_reversal_cannot_itself_be_reversed(world):
    reversal = _reverse(world, make_point_entry(world.village))

    with pytest.raises(ValidationError, match="这是一条冲正记录"):
        _reverse(world, reversal)


def test_a_reversal_needs_a_reason_and_a_date_not_before_the_entry(world):
    entry = make_point_entry(world.village, entry_date=dt.date(2023, 5, 20))

    with pytest.raises(ValidationError, match="请填写冲正原因"):
        _reverse(world, entry, reason="  ")
    with pytest.raises(ValidationError, match="冲正日期不能早于原记录日期"):
        _reverse(world, entry, reversed_on=dt.date(2023, 5, 1))
    assert PointEntry.objects.count() == 1


def test_a_zero_point_entry_needs_no_reversal(world):
    with pytest.raises(ValidationError, match="无需冲正"):
        _reverse(world, make_point_entry(world.village, points=0))


def test_the_reversal_number_avoids_a_number_already_taken(world):
    entry = make_point_entry(world.village, record_no="JF-8")
    make_point_entry(world.village, record_no="JF-8-冲正")

    assert _reverse(world, entry).record_no == "JF-8-冲正2"


def test_the_entry_page_offers_reversal_and_no_delete(world, client_for):
    entry = make_point_entry(world.village)

    page = (
        client_for("village_cadre").get(reverse("ledger-detail", args=["points", entry.pk])).content.decode()
    )

    assert reverse("points-entry-reverse", args=[entry.pk]) in page
    assert reverse("ledger-delete", args=["points", entry.pk]) not in page


def test_reversing_from_the_page(world, client_for):
    entry = make_point_entry(world.village, points=8)
    client = client_for("village_cadre")

    response = client.post(
        reverse("points-entry-reverse", args=[entry.pk]), {"reason": "重复登记", "reversed_on": "2023-06-02"}
    )

    reversal = PointEntry.objects.get(reverses=entry)
    assert response.status_code == 302
    assert response.url == reverse("ledger-detail", args=["points", reversal.pk])
    page = client.get(reverse("ledger-detail", args=["points", entry.pk])).content.decode()
    assert "已冲正" in page
    assert reverse("points-entry-reverse", args=[entry.pk]) not in page


def test_reversing_twice_from_the_page_shows_the_reason(world, client_for):
    entry = make_point_entry(world.village)
    _reverse(world, entry)

    response = client_for("village_cadre").post(
        reverse("points-entry-reverse", args=[entry.pk]), {"reason": "再来一次", "reversed_on": "2023-06-02"}
    )

    assert response.status_code == 200
    assert "不能重复冲正" in response.content.decode()
    assert PointEntry.objects.count() == 2


def test_another_villages_cadre_cannot_reverse(world, client_for):
    entry = make_point_entry(world.village2)

    response = client_for("village_cadre").post(
        reverse("points-entry-reverse", args=[entry.pk]), {"reason": "x", "reversed_on": "2023-06-02"}
    )

    assert response.status_code == 404
    assert PointEntry.objects.count() == 1


def test_the_edit_form_cannot_change_whose_points_or_how_many(world, client_for):
    entry = make_point_entry(world.village, person_name="王五", points=5, item="志愿服务")
    data = {
        "record_no": entry.record_no,
        "org": world.village2.pk,
        "person_name": "赵六",
        "identity": "党员",
        "entry_date": "2023-05-21",
        "item": "志愿服务（补记）",
        "points": "500",
        "version": entry.version,
    }

    response = client_for("town_admin").post(reverse("ledger-edit", args=["points", entry.pk]), data)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.person_name, entry.points, entry.org, entry.identity) == ("王五", 5, world.village, "群众")
    assert (entry.item, entry.entry_date) == ("志愿服务（补记）", dt.date(2023, 5, 21))


def test_a_new_entry_is_added_through_the_generic_form(world, client_for):
    data = {
        "record_no": "JF-NEW",
        "org": world.village.pk,
        "person_name": "王五",
        "identity": "群众",
        "entry_date": "2023-05-21",
        "item": "乱扔垃圾",
        "points": "-3",
    }

    response = client_for("village_cadre").post(reverse("ledger-create", args=["points"]), data)

    assert response.status_code == 302
    assert PointEntry.objects.get(record_no="JF-NEW").points == -3


def test_the_generic_delete_refuses_a_points_entry_and_keeps_it(world, client_for):
    entry = make_point_entry(world.village, record_no="JF-8", points=3, identity="群众", item="环境整治")

    response = client_for("village_cadre").post(
        reverse("ledger-delete", kwargs={"ledger": "points", "pk": entry.pk})
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.deleted_at is None
    assert entry.version == 1
