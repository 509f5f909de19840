"""The events home (counts by type for a year) and the list page's constant query count."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.events.factories import make_action_item, make_event
from tests.events.support import count_queries
from xiangzhi.events.models import Event, EventKind
from xiangzhi.events.selectors import counts_by_type

pytestmark = pytest.mark.django_db


def _bulk_events(world, n: int, start: int = 0) -> None:
    Event.objects.bulk_create(
        Event(
            event_no=f"BULK{start + i:05d}",
            kind=EventKind.values[i % len(EventKind.values)],
            title="活动",
            held_on=dt.date(2023, 1, 1) + dt.timedelta(days=i % 300),
            participants=i,
            org=world.village if i % 2 else world.town,
            town=world.town,
        )
        for i in range(n)
    )


def test_counts_by_type_sum_the_year_per_type(world):
    make_event(world.village, kind=EventKind.REVIEW_MEETING, participants=10, materials=None)
    make_event(world.town, kind=EventKind.REVIEW_MEETING, participants=None, materials=5)
    make_event(world.town, kind=EventKind.DRILL, participants=30, materials=0)
    make_event(world.town, kind=EventKind.DRILL, held_on=dt.date(2022, 12, 31))

    counts = {row.kind: row for row in counts_by_type(Event.objects.all(), 2023)}

    assert list(counts) == list(EventKind.values)
    review = counts["讲评会"]
    assert (review.count, review.participants, review.materials) == (2, 10, 5)
    assert counts["安全演练"].count == 1
    assert counts["专题大讲堂"].count == 0


def test_the_home_shows_the_chosen_years_counts_in_the_readers_scope(world, client_for):
    make_event(world.village, kind=EventKind.VOLUNTEER)
    make_event(world.village2, kind=EventKind.VOLUNTEER)
    make_event(world.town, kind=EventKind.VOLUNTEER, held_on=dt.date(2022, 5, 1))

    town_page = client_for("town_admin").get(reverse("events-home"), {"year": 2023}).content.decode()
    assert "2023年活动" in town_page
    assert "共 2 场" in town_page

    client_for("village_cadre")
    cadre_page = client_for("village_cadre").get(reverse("events-home"), {"year": "2023"}).content.decode()
    assert "共 1 场" in cadre_page


def test_the_home_lists_open_action_items_with_a_close_button(world, client_for):
    make_action_item(world.village, description="修复村道坑洼")

    page = client_for("village_cadre").get(reverse("events-home")).content.decode()

    assert "修复村道坑洼" in page
    assert "办结" in page


def test_a_nonsense_year_falls_back_instead_of_failing(world, client_for):
    response = client_for("town_admin").get(reverse("events-home"), {"year": "abc"})

    assert response.status_code == 200


def test_the_list_page_query_count_does_not_grow_with_records(world, client_for, django_assert_num_queries):
    client = client_for("town_admin")
    url = reverse("ledger-list", args=["events"])
    _bulk_events(world, 10)
    baseline = count_queries(client, url)

    _bulk_events(world, 490, start=10)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_the_home_query_count_does_not_grow_with_records(world, client_for, django_assert_num_queries):
    client = client_for("town_admin")
    _bulk_events(world, 10)
    for _ in range(2):
        make_action_item(world.village)
    baseline = count_queries(client, reverse("events-home"))

    _bulk_events(world, 300, start=10)
    for _ in range(20):
        make_action_item(world.village2)
    with django_assert_num_queries(baseline):
        client.get(reverse("events-home"))


def test_the_event_page_names_its_organising_unit(world, client_for):
    event = make_event(world.town)

    page = client_for("town_admin").get(reverse("ledger-detail", args=["events", event.pk])).content.decode()

    assert "组织单位：宁郭镇" in page


def test_the_list_filters_several_kinds_at_once_and_keeps_them_hidden(world, client_for):
    for kind in (EventKind.DRILL, EventKind.SAFETY_TALK, EventKind.BRIEFING):
        make_event(world.village, kind=kind)
    page = client_for("town_admin").get("/ledgers/events/", {"kinds": "安全演练,安全宣讲"})
    html = page.content.decode()

    assert sorted(e.kind for e in page.context["page_obj"]) == ["安全宣讲", "安全演练"]
    assert '<input type="hidden" name="kinds" value="安全演练,安全宣讲"' in html


def test_a_hidden_filter_that_cannot_be_read_is_named(world, client_for):
    page = client_for("town_admin").get("/ledgers/events/", {"kinds": "安全演练，安全宣讲"})

    assert "活动类型：选择一个有效的选项" in page.content.decode()
