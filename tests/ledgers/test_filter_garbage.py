"""Whatever is typed into a list page's filters (or its address), the page answers: a value a
filter cannot use is a message on the filter bar, never an error page. The same for its export."""

import pytest
from django.urls import reverse

from tests.ledgers.support import GARBAGE
from xiangzhi.core.ledgers import all_ledgers, get_ledger

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ledger", [ledger.name for ledger in all_ledgers()])
def test_no_filter_value_breaks_a_list_page(world, client_for, ledger):
    client = client_for("town_admin")
    names = list(get_ledger(ledger).filterset_class.base_filters)
    for value in GARBAGE:
        query = {name: value for name in names} | {"page": value}
        assert client.get(reverse("ledger-list", args=[ledger]), query).status_code == 200, (value, names)
        assert client.get(reverse("ledger-export", args=[ledger]), query).status_code == 200, value


def test_a_year_out_of_range_is_said_on_the_filter_bar(world, client_for):
    page = client_for("town_admin").get(reverse("ledger-list", args=["events"]), {"year": "0"})

    assert page.status_code == 200
    assert "1900" in page.content.decode()


@pytest.mark.parametrize("page", ["environment-home", "economy-home", "events-home"])
def test_a_module_page_shows_its_default_year_for_any_other(world, client_for, page):
    client = client_for("town_admin")
    for value in [*GARBAGE, "²"]:
        assert client.get(reverse(page), {"year": value}).status_code == 200, value


@pytest.mark.parametrize("page", ["reports-report", "reports-json"])
def test_the_report_says_in_chinese_when_a_year_is_none(world, client_for, page):
    client = client_for("town_admin")
    for value in [*GARBAGE, "²"]:
        response = client.get(reverse(page, args=[world.town.code]), {"year": value})
        assert response.status_code == 400, value
        assert "年度" in response.content.decode()
