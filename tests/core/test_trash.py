"""The trash lists every deleted record, a ledger at a time and a page at a time, so that any of
them can be restored — not only the 50 newest per ledger, as before."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_household, make_problem, make_visit
from xiangzhi.care.models import Household, Problem
from xiangzhi.core.services.records import record_delete
from xiangzhi.core.views.helpers import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _deleted_households(world, count: int, prefix: str = "DEL") -> list[Household]:
    """``count`` households deleted one minute apart, the first one deleted first."""
    homes = [make_household(world.grid, household_no=f"{prefix}-{n:03d}") for n in range(count)]
    start = timezone.now() - dt.timedelta(days=1)
    for minutes, home in enumerate(homes):
        Household.all_objects.filter(pk=home.pk).update(deleted_at=start + dt.timedelta(minutes=minutes))
    return homes


def _trash(client, **query) -> str:
    return client.get(reverse("trash"), query).content.decode()


def test_every_deleted_record_can_be_reached_page_by_page(client_for, world):
    homes = _deleted_households(world, PAGE_SIZE + 5)
    client = client_for("town_admin")

    first, second = _trash(client), _trash(client, ledger="care.household", page=2)

    assert f"困难群体家庭（{PAGE_SIZE + 5}）" in first
    assert homes[-1].household_no in first and homes[0].household_no not in first
    assert homes[0].household_no in second and homes[-1].household_no not in second
    restore = reverse("record-restore", args=["care.household", homes[0].pk])
    assert f"{restore}?page=2" in second


def test_each_ledger_has_its_tab_and_the_records_name_their_unit(client_for, world):
    _deleted_households(world, 2)
    problem = make_problem(world.village2)
    Problem.all_objects.filter(pk=problem.pk).update(deleted_at=timezone.now())
    client = client_for("town_admin")

    html = _trash(client, ledger="care.problem")

    assert "困难群体家庭（2）" in html and "困难问题（1）" in html
    assert problem.problem_no in html and world.village2.name in html
    assert "DEL-000" not in html
    assert "DEL-000" in _trash(client, ledger="no.such")  # an unknown tab shows the first one


def test_the_trash_runs_as_many_queries_for_many_records_as_for_few(client_for, world):
    client = client_for("town_admin")
    _deleted_households(world, 2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("trash")).status_code == 200
        return len(captured)

    few = queries()
    _deleted_households(world, 40, prefix="MORE")
    assert queries() == few


def test_restoring_returns_to_the_ledger_it_was_restored_from(client_for, world):
    visit = make_visit(world.grid)
    record_delete(visit, acting_user=world.users["town_admin"])
    client = client_for("town_admin")

    response = client.post(reverse("record-restore", args=["care.visit", visit.pk]))

    assert response.url == f"{reverse('trash')}?ledger=care.visit"
    home = make_household(world.grid, household_no="QW-3")
    record_delete(home, acting_user=world.users["town_admin"])
    back = client.post(reverse("record-restore", args=["care.household", home.pk]) + "?page=3")
    assert back.url == f"{reverse('trash')}?ledger=care.household&page=3"


def test_an_empty_trash_says_so(client_for, world):
    assert "回收站是空的" in _trash(client_for("town_admin"))
