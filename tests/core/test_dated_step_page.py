"""The page of a dated workflow step (here: resolve a problem, rectify a hazard) starts at today,
refuses a stale save or a broken rule on the form without writing, and goes back to the record."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_problem
from tests.safety.factories import make_hazard
from xiangzhi.care.models import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem(world):
    return make_problem(world.grid)


def _url(problem):
    return reverse("care-problem-resolve", args=[problem.pk])


def test_the_form_starts_at_today_and_the_record_version(client_for, problem):
    form = client_for("village_cadre").get(_url(problem)).context["form"]
    assert (form.initial["resolved_on"], form.initial["version"]) == (timezone.localdate(), problem.version)


def test_a_valid_step_goes_back_to_the_record(client_for, problem):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {"version": problem.version, "resolved_on": yesterday.isoformat(), "result": "已修复"}
    response = client_for("village_cadre").post(_url(problem), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger-detail", args=["problems", problem.pk])
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.status, stored.resolved_on, stored.result) == ("已解决", yesterday, "已修复")


def test_a_refused_date_is_shown_on_its_field_and_nothing_is_written(client_for, problem):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {"version": problem.version, "resolved_on": tomorrow.isoformat(), "result": "已修复"}
    response = client_for("village_cadre").post(_url(problem), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"resolved_on": ["解决日期不能晚于今天"]}
    assert Problem.objects.get(pk=problem.pk).status == problem.status


def test_a_stale_version_is_refused_above_the_form(client_for, problem):
    data = {"version": problem.version - 1, "resolved_on": "2023-05-01", "result": "已修复"}
    response = client_for("village_cadre").post(_url(problem), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert Problem.objects.get(pk=problem.pk).version == problem.version


def test_the_hazard_rectify_page_starts_at_today(client_for, world):
    hazard = make_hazard(world.grid)
    form = client_for("village_cadre").get(reverse("safety-hazard-rectify", args=[hazard.pk])).context["form"]
    assert (form.initial["rectified_on"], form.initial["version"]) == (timezone.localdate(), hazard.version)
