"""The module home's figures, the overdue list and the 挂牌督办 filter."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.safety.factories import make_hazard, make_inspection
from xiangzhi.safety.models import Hazard, Inspection
from xiangzhi.safety.selectors import safety_figures

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = dt.date(2023, 1, 1)


def _year_2023(world):
    """Three rounds in 2023 (one in another village), one in 2022; hazards in every state."""
    first = make_inspection(world.grid, inspected_on=dt.date(2023, 3, 1), person_times=5)
    second = make_inspection(world.grid, inspected_on=dt.date(2023, 9, 1), person_times=7)
    make_inspection(world.grid2, inspected_on=dt.date(2023, 5, 1), person_times=11)
    old = make_inspection(world.grid, inspected_on=dt.date(2022, 12, 31), person_times=100)
    make_hazard(world.grid, inspection=first, status="已销号", rectified_on=dt.date(2023, 3, 5))
    make_hazard(world.grid, inspection=first, status="已整改", rectified_on=dt.date(2023, 3, 9))
    make_hazard(world.grid, inspection=first, status="整改中", deadline=dt.date(2023, 3, 10), grade="重大")
    make_hazard(world.grid, inspection=second, status="待整改", deadline=dt.date(2024, 1, 31))
    make_hazard(world.grid, inspection=old, status="待整改", deadline=dt.date(2023, 1, 10))


def test_figures_count_as_the_work_report_does(world):
    _year_2023(world)

    figures = safety_figures(
        Inspection.objects.all(), Hazard.objects.all(), dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    )

    assert (figures.inspections, figures.person_times) == (3, 23)
    assert (figures.hazards_found, figures.hazards_rectified, figures.hazards_open) == (4, 2, 2)
    assert figures.hazards_overdue == 1  # the 2024 deadline is not yet passed on 31 December
    assert figures.rectification_rate == 0.5
    assert figures.supervised == 1


def test_figures_of_an_empty_period_have_full_rate(world):
    figures = safety_figures(Inspection.objects.all(), Hazard.objects.all(), PAST, PAST)

    assert (figures.hazards_found, figures.rectification_rate, figures.person_times) == (0, 1.0, 0)


def test_figures_take_two_queries_whatever_the_data(world, django_assert_num_queries):
    _year_2023(world)

    with django_assert_num_queries(2):
        safety_figures(
            Inspection.objects.all(), Hazard.objects.all(), dt.date(2023, 1, 1), dt.date(2023, 12, 31)
        )


def test_home_shows_the_users_own_figures(world, client_for):
    _year_2023(world)

    grid_page = client_for("grid_worker").get(reverse("safety-home"), {"year": 2023}).content.decode()

    assert "2023年" in grid_page
    assert '<div class="stat-value">12</div><div class="stat-label">出动人次</div>' in grid_page
    assert '<div class="stat-value">50%</div><div class="stat-label">整改率</div>' in grid_page


def test_home_is_in_the_navigation(world, client_for):
    page = client_for("leader").get(reverse("home")).content.decode()

    assert f'href="{reverse("safety-home")}"' in page
    assert "安全生产" in page


def test_home_ignores_a_nonsense_year(world, client_for):
    response = client_for("town_admin").get(reverse("safety-home"), {"year": "abc"})

    assert response.status_code == 200
    assert f"{TODAY.year}年" in response.content.decode()


def test_overdue_list_holds_open_hazards_past_their_deadline(world, client_for):
    late = make_hazard(world.grid, deadline=TODAY - dt.timedelta(days=3), grade="重大")
    late_in_progress = make_hazard(world.grid, status="整改中", deadline=TODAY - dt.timedelta(days=1))
    on_time = make_hazard(world.grid, deadline=TODAY)
    done = make_hazard(
        world.grid, status="已整改", rectified_on=dt.date(2023, 7, 15), deadline=dt.date(2023, 7, 16)
    )
    elsewhere = make_hazard(world.grid2, deadline=TODAY - dt.timedelta(days=3))

    page = client_for("grid_worker").get(reverse("safety-hazards-overdue")).content.decode()

    assert late.hazard_no in page and late_in_progress.hazard_no in page
    for absent in (on_time, done, elsewhere):
        assert absent.hazard_no not in page
    assert page.index(late.hazard_no) < page.index(late_in_progress.hazard_no)
    assert '<span class="badge badge-danger">挂牌督办</span>' in page
    assert '<span class="badge badge-warn">3</span>' in page


def test_supervision_filter_lists_major_hazards_until_closed(world, client_for):
    open_major = make_hazard(world.grid, grade="重大")
    closed_major = make_hazard(world.grid, grade="重大", status="已销号", rectified_on=dt.date(2023, 7, 18))
    general = make_hazard(world.grid)

    page = client_for("grid_worker").get(reverse("ledger-list", args=["hazards"]), {"supervised": "yes"})
    text = page.content.decode()

    assert open_major.hazard_no in text
    assert "重大（挂牌督办）" in text
    assert closed_major.hazard_no not in text and general.hazard_no not in text


def test_overdue_filter_on_the_hazard_list(world, client_for):
    late = make_hazard(world.grid, deadline=dt.date(2023, 7, 20))
    not_late = make_hazard(world.grid, deadline=TODAY + dt.timedelta(days=5))

    text = (
        client_for("grid_worker")
        .get(reverse("ledger-list", args=["hazards"]), {"overdue": "no"})
        .content.decode()
    )

    assert not_late.hazard_no in text
    assert late.hazard_no not in text


def test_hazard_detail_shows_supervision_and_overdue_badges(world, client_for):
    hazard = make_hazard(world.grid, grade="重大", deadline=dt.date(2023, 7, 20))

    page = (
        client_for("grid_worker").get(reverse("ledger-detail", args=["hazards", hazard.pk])).content.decode()
    )

    assert '<span class="badge badge-danger">挂牌督办</span>' in page
    assert '<span class="badge badge-danger">已逾期</span>' in page
    assert "2023年7月20日（已逾期）" in page


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, 4),
        ({"rectified_by": "2023-12-31"}, 2),
        ({"open_on": "2023-12-31"}, 2),
        ({"overdue_on": "2023-12-31"}, 1),
    ],
)
def test_report_drill_down_filters_list_what_the_figures_count(world, client_for, extra, expected):
    """The work report links its 安全生产 figures to the hazard list with these filters."""
    _year_2023(world)
    params = {"found_after": "2023-01-01", "found_before": "2023-12-31", **extra}

    page = client_for("town_admin").get(reverse("ledger-list", args=["hazards"]), params).content.decode()

    assert f"共 {expected} 条" in page
