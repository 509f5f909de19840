"""Who records what: grid workers in their grid, village cadres in their village, nobody elsewhere."""

import pytest
from django.urls import reverse

from tests.safety.factories import make_hazard, make_inspection, make_premises
from xiangzhi.safety.models import Hazard, Inspection, Premises

pytestmark = pytest.mark.django_db


def _new_inspection(client, premises, no="PC-NEW"):
    data = {"inspection_no": no, "premises": premises.pk, "inspected_on": "2023-07-14", "person_times": 4}
    return client.post(reverse("ledger-create", args=["inspections"]), data)


def test_grid_worker_records_an_inspection_of_premises_in_their_grid(world, client_for):
    premises = make_premises(world.grid)

    response = _new_inspection(client_for("grid_worker"), premises)

    assert response.status_code == 302
    inspection = Inspection.objects.get(inspection_no="PC-NEW")
    assert (inspection.org, inspection.premises) == (world.grid, premises)
    assert inspection.history.get().history_user == world.users["grid_worker"]


def test_grid_worker_cannot_pick_premises_of_another_grid(world, client_for):
    elsewhere = make_premises(world.grid2)

    response = _new_inspection(client_for("grid_worker"), elsewhere)

    assert response.status_code == 200
    assert not Inspection.objects.filter(inspection_no="PC-NEW").exists()


def test_village_level_premises_are_the_village_cadres(world, client_for):
    village_premises = make_premises(world.village)

    assert _new_inspection(client_for("grid_worker"), village_premises).status_code == 200
    assert _new_inspection(client_for("village_cadre"), village_premises).status_code == 302


def test_hazard_list_shows_only_the_users_subtree(world, client_for):
    mine, theirs = make_hazard(world.grid), make_hazard(world.grid2)

    page = client_for("grid_worker").get(reverse("ledger-list", args=["hazards"])).content.decode()

    assert mine.hazard_no in page
    assert theirs.hazard_no not in page


@pytest.mark.parametrize(
    "url_name", ["safety-hazard-rectify", "safety-hazard-recheck", "safety-hazard-photo-add"]
)
def test_village_cadre_cannot_touch_another_villages_hazard(world, client_for, url_name):
    theirs = make_hazard(world.grid2)

    response = client_for("village_cadre").get(reverse(url_name, args=[theirs.pk]))

    assert response.status_code == 404


def test_village_cadre_cannot_start_another_villages_hazard(world, client_for):
    theirs = make_hazard(world.grid2)

    response = client_for("village_cadre").post(
        reverse("safety-hazard-start", args=[theirs.pk]), {"version": 1}
    )

    assert response.status_code == 404
    assert Hazard.objects.get(pk=theirs.pk).status == "待整改"


def test_village_cadre_cannot_move_premises_into_another_village(world, client_for):
    premises = make_premises(world.village)
    data = {
        "version": 1,
        "premises_no": premises.premises_no,
        "org": world.village2.pk,
        "name": "x",
        "kind": "企业",
    }

    response = client_for("village_cadre").post(reverse("ledger-edit", args=["premises", premises.pk]), data)

    assert response.status_code == 200
    assert Premises.objects.get(pk=premises.pk).org == world.village


def test_premises_with_inspections_cannot_move_on_the_edit_form(world, client_for):
    premises = make_premises(world.grid)
    make_inspection(world.grid, premises=premises)
    data = {
        "version": 1,
        "premises_no": premises.premises_no,
        "org": world.grid2.pk,
        "name": "x",
        "kind": "企业",
    }

    response = client_for("town_admin").post(reverse("ledger-edit", args=["premises", premises.pk]), data)

    assert "该场所已有排查记录，不能改到其他村或网格" in response.content.decode()
    assert Premises.objects.get(pk=premises.pk).org == world.grid


def test_premises_without_inspections_may_move_to_a_grid(world, client_for):
    premises = make_premises(world.village)
    data = {
        "version": 1,
        "premises_no": premises.premises_no,
        "org": world.grid.pk,
        "name": "x",
        "kind": "企业",
    }

    response = client_for("village_cadre").post(reverse("ledger-edit", args=["premises", premises.pk]), data)

    assert response.status_code == 302
    assert Premises.objects.get(pk=premises.pk).org == world.grid


def test_inspection_with_hazards_cannot_switch_to_premises_elsewhere(world, client_for):
    hazard = make_hazard(world.grid)
    inspection = hazard.inspection
    elsewhere = make_premises(world.grid2)
    data = {
        "version": 1,
        "inspection_no": inspection.inspection_no,
        "premises": elsewhere.pk,
        "inspected_on": "2023-07-14",
        "person_times": 3,
    }

    response = client_for("town_admin").post(
        reverse("ledger-edit", args=["inspections", inspection.pk]), data
    )

    assert "该排查已登记隐患，不能改为其他村或网格的场所" in response.content.decode()
    assert Inspection.objects.get(pk=inspection.pk).premises == inspection.premises


def test_premises_phone_is_masked_in_the_list(world, client_for):
    make_premises(world.grid, phone="13912345678")

    page = client_for("town_admin").get(reverse("ledger-list", args=["premises"])).content.decode()

    assert "139****5678" in page
    assert "13912345678" not in page


def test_premises_form_suggests_nine_small_subtypes_and_used_ones(world, client_for):
    make_premises(world.grid, subtype="沿街门店")

    page = client_for("grid_worker").get(reverse("ledger-create", args=["premises"])).content.decode()

    assert '<datalist id="id_subtype-suggestions">' in page
    assert '<option value="小餐饮">' in page
    assert '<option value="沿街门店">' in page
