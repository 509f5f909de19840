"""A problem whose household was deleted since can still be edited: its form offers that household,
marked 已删除, instead of refusing the save until another household is chosen."""

import pytest
from django.urls import reverse

from tests.factories import make_household, make_problem
from xiangzhi.care.models import Household, Problem
from xiangzhi.core.services.records import record_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def orphan(world) -> Problem:
    home = make_household(world.grid, household_no="QW-9")
    problem = make_problem(world.grid)
    Problem.all_objects.filter(pk=problem.pk).update(household=home)
    record_delete(home, acting_user=world.users["town_admin"])
    problem.refresh_from_db()
    return problem


def test_the_form_offers_the_deleted_household_marked_so(orphan, client_for):
    url = reverse("ledger-edit", args=["problems", orphan.pk])

    html = client_for("town_admin").get(url).content.decode()

    assert "QW-9" in html and "（已删除）" in html


def test_the_problem_saves_keeping_its_deleted_household(orphan, client_for, world):
    form = {
        "problem_no": orphan.problem_no,
        "org": orphan.org_id,
        "household": orphan.household_id,
        "raised_on": "2023-03-01",
        "description": "房屋漏雨，已联系施工队",
        "status": orphan.status,
        "version": orphan.version,
    }

    response = client_for("town_admin").post(reverse("ledger-edit", args=["problems", orphan.pk]), form)

    assert response.status_code == 302, response.content.decode()
    orphan.refresh_from_db()
    assert orphan.description == "房屋漏雨，已联系施工队"
    assert orphan.household_id == Household.all_objects.get(household_no="QW-9").pk


def test_a_deleted_household_is_not_offered_to_a_new_problem(orphan, client_for):
    html = client_for("town_admin").get(reverse("ledger-create", args=["problems"])).content.decode()

    assert "QW-9" not in html
