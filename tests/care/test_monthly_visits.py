"""每月走访: the households in the register that nobody has visited yet this month, per village and per
helper — with the month's first and last days, households that joined or left, and scope."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.care import support
from xiangzhi.care.models import Household

pytestmark = pytest.mark.django_db


def _one(org, number: str, *, helper="甲", enrolled=dt.date(2022, 1, 1), exited=None, visits=()):
    household = support.households(
        org, 1, household_no=number, helper=helper, enrolled_on=enrolled, exited_on=exited,
        exit_reason="迁出" if exited else "",
    )[0]  # fmt: skip
    for day in visits:
        support.visits([household], day)
    return household


@pytest.fixture
def february(world):
    """Households of February 2023, each on one side of a boundary."""
    _one(world.grid, "H1-first-day", visits=[dt.date(2023, 2, 1)])
    _one(world.grid, "H2-last-day", visits=[dt.date(2023, 2, 28)])
    _one(world.village, "H3-previous-month", visits=[dt.date(2023, 1, 31)])
    _one(world.village2, "H4-next-month", helper="乙", visits=[dt.date(2023, 3, 1)])
    _one(world.village2, "H5-enrolled-last-day", helper="", enrolled=dt.date(2023, 2, 28))
    _one(world.village2, "H6-enrolled-next-month", enrolled=dt.date(2023, 3, 1))
    _one(world.grid, "H7-exited-in-month", exited=dt.date(2023, 2, 10))
    _one(world.grid, "H8-exited-next-month", exited=dt.date(2023, 3, 5))
    deleted = _one(world.grid, "H9-deleted")
    Household.all_objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    return world


def _page(client, month="2023-02"):
    response = client.get(reverse("care-monthly-visits"), {"month": month})
    assert response.status_code == 200
    return response.context


def _numbers(context) -> list[str]:
    return [h.household_no for h in context["page_obj"]]


def test_unvisited_households_of_the_month_respect_its_first_and_last_day(client_for, february):
    context = _page(client_for("town_admin"))

    assert _numbers(context) == [
        "H3-previous-month",
        "H4-next-month",
        "H5-enrolled-last-day",
        "H8-exited-next-month",
    ]
    assert context["month"] == dt.date(2023, 2, 1)


def test_coverage_per_village_counts_households_in_the_register_at_month_end(client_for, february):
    rows = {
        (r.name, r.households, r.visited, r.unvisited) for r in _page(client_for("town_admin"))["by_village"]
    }

    # 桥湾村: H1, H2 visited; H3 and H8 not. 村1: H4 and H5 not visited.
    assert rows == {("桥湾村", 4, 2, 2), ("村1", 2, 0, 2)}


def test_coverage_per_helper(client_for, february):
    rows = {(r.name, r.households, r.unvisited) for r in _page(client_for("town_admin"))["by_helper"]}

    assert rows == {("甲", 4, 2), ("乙", 1, 1), ("（未指定）", 1, 1)}


def test_a_visit_on_the_29th_of_february_counts_in_a_leap_year(client_for, world):
    _one(world.grid, "LEAP", visits=[dt.date(2024, 2, 29)])

    assert _numbers(_page(client_for("town_admin"), "2024-02")) == []
    assert _numbers(_page(client_for("town_admin"), "2024-03")) == ["LEAP"]


def test_december_ends_on_the_31st_and_january_starts_a_new_year(client_for, world):
    _one(world.grid, "DEC", visits=[dt.date(2023, 12, 31)])
    _one(world.grid, "JAN", visits=[dt.date(2024, 1, 1)])
    client = client_for("town_admin")

    assert _numbers(_page(client, "2023-12")) == ["JAN"]
    assert _numbers(_page(client, "2024-01")) == ["DEC"]


def test_the_current_month_is_the_default_and_a_bad_month_falls_back_to_it(client_for, world):
    today = timezone.localdate()
    _one(world.grid, "TODAY", visits=[today])
    _one(world.grid, "NOBODY")
    client = client_for("town_admin")

    for month in ("", "2023-13", "abc"):
        context = _page(client, month)
        assert context["month"] == today.replace(day=1)
        assert _numbers(context) == ["NOBODY"]


def test_a_grid_worker_sees_only_the_households_of_their_grid(client_for, february):
    context = _page(client_for("grid_worker"))

    assert _numbers(context) == ["H8-exited-next-month"]
    assert {(r.name, r.households) for r in context["by_helper"]} == {("甲", 3)}


def test_each_unvisited_household_links_to_a_prefilled_visit_form(client_for, february):
    client = client_for("town_admin")
    household = Household.objects.get(household_no="H3-previous-month")

    html = client.get(reverse("care-monthly-visits"), {"month": "2023-02"}).content.decode()

    assert f"{reverse('ledger-create', args=['visits'])}?household={household.pk}" in html
