"""Pages and files that can hold personal data are never kept in a cache; static files are."""

import pytest
from django.urls import reverse

from tests.factories import make_household

pytestmark = pytest.mark.django_db

NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/ledgers/households/",
        "/ledgers/households/export/",
        "/ledgers/households/template/",
        "/reports/410811101/report.json?year=2023",
        "/no-such-page/",
    ],
)
def test_every_response_to_a_signed_in_user_is_no_store(client_for, world, url):
    make_household(world.grid)
    response = client_for("town_admin").get(url)
    assert response["Cache-Control"] == NO_STORE


def test_a_record_s_detail_and_history_are_no_store(client_for, world):
    household = make_household(world.grid)
    client = client_for("village_cadre")
    detail = client.get(reverse("ledger-detail", args=["households", household.pk]))
    assert (detail.status_code, detail["Cache-Control"]) == (200, NO_STORE)


def test_static_files_stay_cacheable(client):
    static = client.get("/static/xiangzhi/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_static_files_stay_cacheable_for_a_signed_in_user(client_for, world):
    static = client_for("town_admin").get("/static/xiangzhi/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
