"""Recording a visit from a household's page in a few taps: the form comes prefilled with the
household, today and the signed-in user, and the visit lands where the household is."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.care import support
from xiangzhi.care.models import Visit, VisitMethod

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(world):
    return support.households(world.grid, 1)[0]


def test_the_household_page_offers_to_record_a_visit(client_for, household):
    html = (
        client_for("grid_worker")
        .get(reverse("ledger-detail", args=["households", household.pk]))
        .content.decode()
    )

    assert f"{reverse('ledger-create', args=['visits'])}?household={household.pk}" in html


def test_a_reader_is_not_offered_to_record_a_visit(client_for, household):
    html = (
        client_for("leader").get(reverse("ledger-detail", args=["households", household.pk])).content.decode()
    )

    assert "记录走访" not in html


def test_the_visit_form_is_prefilled_with_household_today_and_visitor(client_for, household):
    response = client_for("grid_worker").get(
        reverse("ledger-create", args=["visits"]), {"household": household.pk}
    )

    form = response.context["form"]
    assert str(form["household"].value()) == str(household.pk)
    assert form["visited_on"].value() == timezone.localdate()
    assert form["visitor"].value() == "grid_worker"
    assert form["method"].value() == VisitMethod.HOME


def test_saving_the_prefilled_form_records_the_visit_with_history(client_for, world, household):
    client = client_for("grid_worker")
    data = {
        "household": household.pk,
        "visited_on": timezone.localdate().isoformat(),
        "visitor": "grid_worker",
        "method": VisitMethod.HOME,
        "notes": "身体状况良好",
    }

    response = client.post(reverse("ledger-create", args=["visits"]), data)

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert (visit.household, visit.org, visit.town) == (household, world.grid, world.town)
    assert visit.history.get().history_user == world.users["grid_worker"]


def test_the_same_visit_twice_is_refused_on_the_form(client_for, household):
    client = client_for("grid_worker")
    data = {
        "household": household.pk,
        "visited_on": "2023-07-14",
        "visitor": "李四",
        "method": VisitMethod.HOME,
    }
    client.post(reverse("ledger-create", args=["visits"]), data)

    response = client.post(reverse("ledger-create", args=["visits"]), data)

    assert response.status_code == 200
    assert "已有户、走访日期、走访人相同的走访记录" in response.content.decode()
    assert Visit.objects.count() == 1


def test_a_grid_worker_cannot_record_a_visit_for_a_household_outside_their_grid(client_for, world):
    elsewhere = support.households(world.grid2, 1)[0]
    client = client_for("grid_worker")
    data = {
        "household": elsewhere.pk,
        "visited_on": "2023-07-14",
        "visitor": "李四",
        "method": VisitMethod.HOME,
    }

    response = client.post(reverse("ledger-create", args=["visits"]), data)

    assert response.status_code == 200  # the household is not a choice the form offers
    assert not Visit.objects.exists()
