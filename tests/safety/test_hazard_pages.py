"""The hazard cycle in the browser: buttons, forms, Chinese errors, and no way around the workflow."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.safety.factories import jpeg_bytes, make_hazard, make_inspection
from xiangzhi.safety.models import Hazard

pytestmark = pytest.mark.django_db


@pytest.fixture
def hazard(world):
    return make_hazard(world.grid)


def _fresh(hazard) -> Hazard:
    return Hazard.objects.get(pk=hazard.pk)


def _rectify(client, hazard, **extra):
    data = {
        "version": _fresh(hazard).version,
        "rectified_on": "2023-07-18",
        "after_photos": [SimpleUploadedFile("after.jpg", jpeg_bytes(), content_type="image/jpeg")],
        **extra,
    }
    return client.post(reverse("safety-hazard-rectify", args=[hazard.pk]), data)


def _recheck(client, hazard, result="pass", note=""):
    data = {"version": _fresh(hazard).version, "result": result, "rechecked_on": "2023-07-20", "note": note}
    return client.post(reverse("safety-hazard-recheck", args=[hazard.pk]), data)


def test_detail_page_offers_the_next_step(hazard, client_for):
    page = (
        client_for("grid_worker").get(reverse("ledger-detail", args=["hazards", hazard.pk])).content.decode()
    )

    assert "开始整改" in page
    assert "登记整改完成" in page
    assert reverse("safety-hazard-recheck", args=[hazard.pk]) not in page


def test_grid_worker_runs_the_cycle_and_a_cadre_closes_it(hazard, client_for):
    worker = client_for("grid_worker")
    start = worker.post(reverse("safety-hazard-start", args=[hazard.pk]), {"version": 1})
    assert start.status_code == 302
    assert _rectify(worker, hazard).status_code == 302
    assert _fresh(hazard).status == "已整改"

    response = _recheck(client_for("village_cadre"), hazard)

    assert response.status_code == 302
    assert _fresh(hazard).status == "已销号"


def test_rectifier_sees_why_they_cannot_close_it(hazard, client_for):
    worker = client_for("grid_worker")
    _rectify(worker, hazard)
    detail = worker.get(reverse("ledger-detail", args=["hazards", hazard.pk])).content.decode()
    assert "须由整改登记人以外的人员复查销号" in detail

    response = _recheck(worker, hazard)

    assert response.status_code == 200
    assert "销号须由整改登记人以外的人员复查" in response.content.decode()
    assert _fresh(hazard).status == "已整改"


def test_rectify_form_without_photo_says_so(hazard, client_for):
    response = _rectify(client_for("grid_worker"), hazard, after_photos=[])

    assert response.status_code == 200
    assert "登记整改完成须上传至少一张整改后照片" in response.content.decode()
    assert _fresh(hazard).status == "待整改"


def test_failed_recheck_without_reason_is_shown_on_the_form(hazard, client_for):
    _rectify(client_for("grid_worker"), hazard)

    response = _recheck(client_for("village_cadre"), hazard, result="fail")

    assert "复查未通过时请写明原因" in response.content.decode()
    assert _fresh(hazard).status == "已整改"


def test_stale_start_button_shows_a_message_not_an_error_page(hazard, client_for):
    client = client_for("grid_worker")
    client.post(reverse("safety-hazard-start", args=[hazard.pk]), {"version": 1})

    response = client.post(reverse("safety-hazard-start", args=[hazard.pk]), {"version": 1}, follow=True)

    assert response.status_code == 200
    assert "隐患当前为「整改中」，不能开始整改" in response.content.decode()


def test_edit_form_cannot_change_status_or_completion(hazard, client_for):
    data = {
        "version": 1,
        "hazard_no": hazard.hazard_no,
        "inspection": hazard.inspection_id,
        "category": "电气线路",
        "description": "改了描述",
        "grade": "重大",
        "deadline": "2023-07-25",
        "responsible": "王五",
        "status": "已销号",
        "rectified_on": "2023-07-20",
    }

    response = client_for("grid_worker").post(reverse("ledger-edit", args=["hazards", hazard.pk]), data)

    assert response.status_code == 302
    stored = _fresh(hazard)
    assert (stored.description, stored.grade, stored.status, stored.rectified_on) == (
        "改了描述",
        "重大",
        "待整改",
        None,
    )


def test_new_hazard_from_an_inspection_page_belongs_to_that_inspection(hazard, world, client_for):
    inspection = hazard.inspection
    client = client_for("grid_worker")
    form = client.get(reverse("ledger-create", args=["hazards"]) + f"?inspection={inspection.pk}")
    assert f'<option value="{inspection.pk}" selected>' in form.content.decode()

    response = client.post(
        reverse("ledger-create", args=["hazards"]),
        {
            "hazard_no": "YH-NEW",
            "inspection": inspection.pk,
            "category": "燃气安全",
            "description": "软管老化",
            "grade": "一般",
            "deadline": "2023-07-30",
        },
    )

    assert response.status_code == 302
    created = Hazard.objects.get(hazard_no="YH-NEW")
    assert (created.org, created.status, created.found_on) == (world.grid, "待整改", dt.date(2023, 7, 14))


def test_hazard_form_refuses_deadline_before_the_inspection(hazard, client_for):
    response = client_for("grid_worker").post(
        reverse("ledger-create", args=["hazards"]),
        {
            "hazard_no": "YH-EARLY",
            "inspection": hazard.inspection_id,
            "category": "燃气安全",
            "description": "软管老化",
            "grade": "一般",
            "deadline": "2023-07-01",
        },
    )

    assert response.status_code == 200
    assert "整改期限不能早于排查日期（2023-07-14）" in response.content.decode()
    assert not Hazard.objects.filter(hazard_no="YH-EARLY").exists()


def test_the_hazard_form_lists_a_year_of_inspections_and_accepts_older_ones(world, client_for):
    latest = dt.date(2023, 11, 20)  # the newest inspection: a year is counted back from it
    recent = make_inspection(world.grid, inspected_on=latest)
    old = make_inspection(world.grid, inspected_on=latest - dt.timedelta(days=400))
    client = client_for("grid_worker")
    url = reverse("ledger-create", args=["hazards"])

    listed = client.get(url).content.decode()
    assert f'<option value="{recent.pk}">' in listed and f'value="{old.pk}"' not in listed
    from_its_page = client.get(f"{url}?inspection={old.pk}").content.decode()
    assert f'<option value="{old.pk}" selected>' in from_its_page

    form = {"hazard_no": "YH-OLD", "inspection": old.pk, "category": "燃气安全", "description": "软管老化"}
    deadline = (old.inspected_on + dt.timedelta(days=7)).isoformat()
    response = client.post(url, {**form, "grade": "一般", "deadline": deadline})

    assert response.status_code == 302
    assert Hazard.objects.get(hazard_no="YH-OLD").inspection == old


@pytest.mark.parametrize("named", ["99999999999999999999", "12abc", "-3", "", "²"])
def test_a_hazard_form_naming_no_inspection_is_a_form_error(world, client_for, named):
    client = client_for("grid_worker")
    url = reverse("ledger-create", args=["hazards"])

    assert client.get(f"{url}?inspection={named}").status_code == 200
    response = client.post(url, {"hazard_no": "YH-X", "inspection": named, "category": "燃气安全"})

    assert response.status_code == 200
    assert not Hazard.objects.filter(hazard_no="YH-X").exists()
