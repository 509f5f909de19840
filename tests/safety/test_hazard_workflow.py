"""The hazard cycle as services: every move, every forbidden move, history and audit events."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.safety.factories import jpeg_bytes, make_hazard, make_photo
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.safety.models import Hazard, HazardPhoto, HazardStatus
from xiangzhi.safety.services import (
    hazard_recheck_fail,
    hazard_recheck_pass,
    hazard_rectify,
    hazard_start,
)

pytestmark = pytest.mark.django_db

FIXED_ON = dt.date(2023, 7, 18)


def _photo(name="after.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


@pytest.fixture
def grid_worker(world):
    return world.users["grid_worker"]


@pytest.fixture
def cadre(world):
    return world.users["village_cadre"]


@pytest.fixture
def hazard(world):
    return make_hazard(world.grid)


def _fresh(hazard) -> Hazard:
    return Hazard.objects.get(pk=hazard.pk)


def _rectified(hazard, user) -> Hazard:
    return hazard_rectify(
        hazard=hazard,
        acting_user=user,
        expected_version=hazard.version,
        rectified_on=FIXED_ON,
        after_photos=[_photo()],
    )


def test_start_moves_pending_to_in_progress_with_history_and_event(hazard, grid_worker):
    hazard_start(hazard=hazard, acting_user=grid_worker, expected_version=1)

    stored = _fresh(hazard)
    assert (stored.status, stored.version) == (HazardStatus.IN_PROGRESS, 2)
    latest = stored.history.first()
    assert (latest.history_user, latest.history_change_reason) == (grid_worker, "开始整改")
    event = AuditEvent.objects.get(kind="hazard.started")
    assert event.detail == {"hazard_no": hazard.hazard_no, "from": "待整改", "to": "整改中"}
    assert (event.actor, event.org_id, event.object_id) == (grid_worker, hazard.org_id, str(hazard.pk))


def test_rectify_records_date_photo_and_who(hazard, grid_worker):
    _rectified(hazard, grid_worker)

    stored = _fresh(hazard)
    assert (stored.status, stored.rectified_on, stored.rectified_by) == ("已整改", FIXED_ON, grid_worker)
    assert stored.photos.get().kind == "整改后"
    assert AuditEvent.objects.filter(kind="hazard.rectified", object_id=str(hazard.pk)).exists()


def test_rectify_accepts_an_after_photo_uploaded_before(hazard, grid_worker):
    make_photo(hazard, kind="整改后")

    hazard_rectify(hazard=hazard, acting_user=grid_worker, expected_version=1, rectified_on=FIXED_ON)

    assert _fresh(hazard).status == "已整改"


def test_rectify_without_after_photo_is_refused(hazard, grid_worker):
    make_photo(hazard, kind="整改前")

    with pytest.raises(ValidationError, match="至少一张整改后照片"):
        hazard_rectify(hazard=hazard, acting_user=grid_worker, expected_version=1, rectified_on=FIXED_ON)

    assert _fresh(hazard).status == "待整改"


def test_rectify_without_date_is_refused(hazard, grid_worker):
    with pytest.raises(ValidationError, match="请填写整改完成日期"):
        hazard_rectify(
            hazard=hazard,
            acting_user=grid_worker,
            expected_version=1,
            rectified_on=None,
            after_photos=[_photo()],
        )

    assert _fresh(hazard).status == "待整改"
    assert not HazardPhoto.objects.exists()


@pytest.mark.parametrize(
    ("day", "reason"),
    [(dt.date(2023, 7, 1), "不能早于排查日期（2023-07-14）"), (dt.date(2099, 1, 1), "不能晚于今天")],
)
def test_rectify_date_must_lie_between_inspection_and_today(hazard, grid_worker, day, reason):
    with pytest.raises(ValidationError, match=reason):
        hazard_rectify(
            hazard=hazard,
            acting_user=grid_worker,
            expected_version=1,
            rectified_on=day,
            after_photos=[_photo()],
        )

    assert not HazardPhoto.objects.exists()


def test_recheck_by_another_user_closes_the_hazard(hazard, grid_worker, cadre):
    _rectified(hazard, grid_worker)
    hazard = _fresh(hazard)

    hazard_recheck_pass(
        hazard=hazard,
        acting_user=cadre,
        expected_version=hazard.version,
        rechecked_on=FIXED_ON,
        note="已更换线路",
    )

    stored = _fresh(hazard)
    assert (stored.status, stored.rechecked_by, stored.rechecked_on) == ("已销号", cadre, FIXED_ON)
    assert stored.recheck_note == "已更换线路"
    assert AuditEvent.objects.get(kind="hazard.closed").actor == cadre


def test_rectifier_cannot_close_their_own_rectification(hazard, grid_worker):
    _rectified(hazard, grid_worker)
    hazard = _fresh(hazard)

    with pytest.raises(ValidationError, match="销号须由整改登记人以外的人员复查"):
        hazard_recheck_pass(
            hazard=hazard, acting_user=grid_worker, expected_version=hazard.version, rechecked_on=FIXED_ON
        )

    assert _fresh(hazard).status == "已整改"
    assert not AuditEvent.objects.filter(kind="hazard.closed").exists()


def test_failed_recheck_sends_the_hazard_back_and_withdraws_the_completion(hazard, grid_worker, cadre):
    _rectified(hazard, grid_worker)
    hazard = _fresh(hazard)

    hazard_recheck_fail(
        hazard=hazard,
        acting_user=cadre,
        expected_version=hazard.version,
        rechecked_on=FIXED_ON,
        note="仍有裸线",
    )

    stored = _fresh(hazard)
    assert (stored.status, stored.rectified_on, stored.rectified_by) == ("整改中", None, None)
    assert (stored.rechecked_by, stored.recheck_note) == (cadre, "仍有裸线")
    assert AuditEvent.objects.get(kind="hazard.recheck_failed").detail["to"] == "整改中"


def test_failed_recheck_needs_a_reason(hazard, grid_worker, cadre):
    _rectified(hazard, grid_worker)
    hazard = _fresh(hazard)

    with pytest.raises(ValidationError, match="复查未通过时请写明原因"):
        hazard_recheck_fail(
            hazard=hazard, acting_user=cadre, expected_version=hazard.version, rechecked_on=FIXED_ON, note=" "
        )


def test_recheck_date_cannot_precede_the_rectification(hazard, grid_worker, cadre):
    _rectified(hazard, grid_worker)
    hazard = _fresh(hazard)

    with pytest.raises(ValidationError, match="复查日期不能早于整改完成日期"):
        hazard_recheck_pass(
            hazard=hazard,
            acting_user=cadre,
            expected_version=hazard.version,
            rechecked_on=dt.date(2023, 7, 15),
        )


def test_the_cycle_can_run_again_after_a_failed_recheck(hazard, grid_worker, cadre):
    _rectified(hazard, grid_worker)
    hazard = _fresh(hazard)
    hazard_recheck_fail(
        hazard=hazard, acting_user=cadre, expected_version=hazard.version, rechecked_on=FIXED_ON, note="x"
    )
    hazard = _fresh(hazard)
    _rectified(hazard, cadre)
    hazard = _fresh(hazard)

    hazard_recheck_pass(
        hazard=hazard, acting_user=grid_worker, expected_version=hazard.version, rechecked_on=FIXED_ON
    )

    assert _fresh(hazard).status == "已销号"
    assert [h.status for h in _fresh(hazard).history.order_by("history_date")] == [
        "待整改",
        "已整改",
        "整改中",
        "已整改",
        "已销号",
    ]


@pytest.mark.parametrize(
    ("status", "move"),
    [
        ("整改中", "start"),
        ("已整改", "start"),
        ("已销号", "rectify"),
        ("已整改", "rectify"),
        ("待整改", "recheck_pass"),
        ("整改中", "recheck_fail"),
        ("已销号", "recheck_pass"),
    ],
)
def test_moves_out_of_order_are_refused(world, grid_worker, cadre, status, move):
    hazard = make_hazard(
        world.grid, status=status, rectified_on=FIXED_ON if status in ("已整改", "已销号") else None
    )
    calls = {
        "start": lambda: hazard_start(hazard=hazard, acting_user=grid_worker, expected_version=1),
        "rectify": lambda: hazard_rectify(
            hazard=hazard,
            acting_user=grid_worker,
            expected_version=1,
            rectified_on=FIXED_ON,
            after_photos=[_photo()],
        ),
        "recheck_pass": lambda: hazard_recheck_pass(
            hazard=hazard, acting_user=cadre, expected_version=1, rechecked_on=FIXED_ON
        ),
        "recheck_fail": lambda: hazard_recheck_fail(
            hazard=hazard, acting_user=cadre, expected_version=1, rechecked_on=FIXED_ON, note="x"
        ),
    }

    with pytest.raises(ValidationError, match=f"隐患当前为「{status}」，不能"):
        calls[move]()

    assert _fresh(hazard).status == status
    assert not HazardPhoto.objects.exists()


def test_a_stale_copy_is_refused(hazard, grid_worker, cadre):
    stale = _fresh(hazard)
    hazard_start(hazard=hazard, acting_user=grid_worker, expected_version=1)

    with pytest.raises(StaleRecordError):
        _rectified(stale, cadre)

    assert _fresh(hazard).status == "整改中"
    assert not HazardPhoto.objects.exists()


def test_an_imported_rectification_may_be_closed_by_anyone(world, grid_worker):
    hazard = make_hazard(world.grid, status="已整改", rectified_on=FIXED_ON)

    hazard_recheck_pass(hazard=hazard, acting_user=grid_worker, expected_version=1, rechecked_on=FIXED_ON)

    assert _fresh(hazard).status == "已销号"
