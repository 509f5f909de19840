"""The annual cycle of a star: every move, and every move that must be refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.stars import cycle
from tests.stars.cycle import YEAR
from tests.stars.factories import make_star_plan, make_star_result
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.stars.choices import ApplicationStatus as S
from xiangzhi.stars.models import StarResult
from xiangzhi.stars.services.applications import (
    application_county_review,
    application_town_review,
    notice_publish_all,
)

pytestmark = pytest.mark.django_db

STAR = "生态宜居星"


@pytest.fixture(autouse=True)
def _setup(simple_standard, full_plan):
    pass


def _kinds() -> list[str]:
    return list(
        AuditEvent.objects.filter(kind__startswith="stars.").order_by("pk").values_list("kind", flat=True)
    )


def test_village_cadre_submits_a_planned_star_with_a_snapshot_of_its_tasks(world):
    cycle.give_evidence(world, STAR)
    application = cycle.submit(world, STAR)
    assert application.status == S.SUBMITTED
    assert application.snapshot == [
        {"seq": 1, "task": "生态宜居星任务", "status": "met", "figure": "", "evidence": 1}
    ]
    assert application.history.get().history_user == world.users["village_cadre"]
    assert "stars.application_submitted" in _kinds()


def test_a_star_outside_the_village_plan_cannot_be_submitted(world):
    make_star_plan(world.village2, year=YEAR, stars=["文明幸福星"])
    with pytest.raises(ValidationError, match="创星计划中没有「生态宜居星」"):
        cycle.submit(world, STAR, village=world.village2, user="town_admin")


def test_a_task_without_its_evidence_holds_the_submission_back(world):
    with pytest.raises(ValidationError, match="须先补充佐证材料：生态宜居星任务"):
        cycle.submit(world, STAR)


def test_a_grid_worker_cannot_submit_for_the_village(world):
    cycle.give_evidence(world, STAR)
    with pytest.raises(PermissionDenied):
        cycle.submit(world, STAR, user="grid_worker")


def test_town_passes_and_county_confirms(world):
    cycle.give_evidence(world, STAR)
    application = cycle.town_pass(world, cycle.submit(world, STAR))
    assert application.status == S.TOWN_PASSED
    application = cycle.county_confirm(world, application)
    assert application.status == S.COUNTY_CONFIRMED
    assert application.history.count() == 3
    assert _kinds()[-2:] == ["stars.application_town_passed", "stars.application_county_confirmed"]


@pytest.mark.parametrize("persona", ["village_cadre", "grid_worker", "county_reviewer", "leader", "outsider"])
def test_only_the_town_of_the_village_may_do_the_first_review(world, persona):
    cycle.give_evidence(world, STAR)
    application = cycle.submit(world, STAR)
    with pytest.raises(PermissionDenied):
        cycle.town_pass(world, application, user=persona)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize("persona", ["village_cadre", "town_admin", "leader"])
def test_only_the_county_may_confirm(world, persona):
    cycle.give_evidence(world, STAR)
    application = cycle.town_pass(world, cycle.submit(world, STAR))
    with pytest.raises(PermissionDenied):
        cycle.county_confirm(world, application, user=persona)


def test_the_county_cannot_skip_the_town_review(world):
    cycle.give_evidence(world, STAR)
    application = cycle.submit(world, STAR)
    with pytest.raises(ValidationError, match="只有「镇初审通过」的申报"):
        cycle.county_confirm(world, application)


def test_a_return_needs_its_reasons(world):
    cycle.give_evidence(world, STAR)
    application = cycle.submit(world, STAR)
    with pytest.raises(ValidationError, match="请填写退回原因"):
        cycle.town_return(world, application, reason="  ")


def test_a_returned_application_is_resubmitted_and_reviewed_again(world):
    cycle.give_evidence(world, STAR)
    application = cycle.town_return(world, cycle.submit(world, STAR), reason="缺少整治前后照片")
    assert (application.status, application.return_reason) == (S.RETURNED, "缺少整治前后照片")
    application = cycle.submit(world, STAR)
    assert (application.status, application.return_reason) == (S.SUBMITTED, "")
    assert cycle.town_pass(world, application).status == S.TOWN_PASSED


def test_a_submitted_application_cannot_be_submitted_twice(world):
    cycle.give_evidence(world, STAR)
    cycle.submit(world, STAR)
    with pytest.raises(ValidationError, match="只有「已退回」的申报"):
        cycle.submit(world, STAR)


def test_the_county_returns_to_the_village(world):
    cycle.give_evidence(world, STAR)
    application = cycle.town_pass(world, cycle.submit(world, STAR))
    application = application_county_review(
        application=application,
        acting_user=world.users["county_reviewer"],
        expected_version=application.version,
        approve=False,
        comment="五美庭院数据与台账不符",
    )
    assert (application.status, application.county_comment) == (S.RETURNED, "五美庭院数据与台账不符")


def test_a_stale_form_is_refused(world):
    cycle.give_evidence(world, STAR)
    application = cycle.submit(world, STAR)
    with pytest.raises(StaleRecordError):
        application_town_review(
            application=application,
            acting_user=world.users["town_admin"],
            expected_version=application.version - 1,
            approve=True,
        )


def test_the_notice_runs_five_working_days_by_default(world):
    application = cycle.in_notice(world, STAR)
    assert application.status == S.IN_NOTICE
    assert str(application.notice_starts_on) == "2024-01-08"
    assert str(application.notice_ends_on) == "2024-01-12"


def test_the_notice_period_follows_the_standard(world, simple_standard):
    simple_standard.notice_working_days = 7
    simple_standard.save()
    application = cycle.in_notice(world, STAR)
    assert str(application.notice_ends_on) == "2024-01-16"


def test_the_notice_skips_the_spring_festival_and_counts_its_working_sunday(world):
    # 2024: 2月10日–17日 off, Sunday 2月18日 worked in exchange (State Council schedule).
    cycle.give_evidence(world, STAR)
    confirmed = cycle.county_confirm(world, cycle.town_pass(world, cycle.submit(world, STAR)))
    application = cycle.publish(world, confirmed, starts_on=dt.date(2024, 2, 7))
    assert application.notice_ends_on == dt.date(2024, 2, 19)


def test_only_a_county_confirmed_star_goes_on_notice(world):
    cycle.give_evidence(world, STAR)
    application = cycle.town_pass(world, cycle.submit(world, STAR))
    with pytest.raises(ValidationError, match="只有「县审核通过」的申报"):
        cycle.publish(world, application)


def test_awarding_without_public_notice_is_refused(world):
    cycle.give_evidence(world, STAR)
    application = cycle.county_confirm(world, cycle.town_pass(world, cycle.submit(world, STAR)))
    with pytest.raises(ValidationError, match="只有「公示中」的申报"):
        cycle.award(world, application)
    assert not StarResult.objects.exists()


def test_awarding_before_the_notice_period_ends_is_refused(world):
    application = cycle.in_notice(world, STAR)
    with pytest.raises(ValidationError, match="期满后才能定星"):
        cycle.award(world, application, today=application.notice_ends_on)


def test_awarding_during_an_unresolved_objection_is_refused(world):
    application = cycle.in_notice(world, STAR)
    objection = cycle.object_to(world, application)
    with pytest.raises(ValidationError, match="异议尚未处理完毕"):
        cycle.award(world, application)
    cycle.resolve(world, objection, upheld=False)
    application.refresh_from_db()
    assert cycle.award(world, application).status == S.AWARDED


def test_an_upheld_objection_returns_the_application(world):
    application = cycle.in_notice(world, STAR)
    cycle.resolve(world, cycle.object_to(world, application), upheld=True)
    application.refresh_from_db()
    assert application.status == S.RETURNED
    assert application.return_reason.startswith("公示异议成立")


def test_objections_are_recorded_only_during_the_notice_by_the_town(world):
    cycle.give_evidence(world, STAR)
    application = cycle.submit(world, STAR)
    with pytest.raises(ValidationError, match="只有「公示中」的申报"):
        cycle.object_to(world, application)
    application = cycle.in_notice(world, "文明幸福星")
    with pytest.raises(PermissionDenied):
        cycle.object_to(world, application, user="village_cadre")


def test_award_writes_the_star_into_the_results_ledger_with_history(world):
    cycle.awarded(world, STAR)
    cycle.awarded(world, "文明幸福星")
    result = StarResult.objects.get(org=world.village, year=YEAR)
    assert (result.stars, result.level, str(result.rated_on)) == (
        ["生态宜居星", "文明幸福星"],
        2,
        "2024-01-15",
    )
    assert [h.history_change_reason for h in result.history.order_by("history_id")] == [
        "定星：生态宜居星",
        "定星：文明幸福星",
    ]
    assert result.history.first().history_user == world.users["town_admin"]


def test_a_cadre_cannot_award(world):
    application = cycle.in_notice(world, STAR)
    with pytest.raises(PermissionDenied):
        cycle.award(world, application, user="village_cadre")


def test_the_capstone_star_waits_for_the_other_four(world):
    application = cycle.in_notice(world, "支部过硬星")
    with pytest.raises(ValidationError, match="须在其他各星定星之后评定"):
        cycle.award(world, application)
    for star in ("产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"):
        cycle.awarded(world, star)
    application.refresh_from_db()
    assert cycle.award(world, application).status == S.AWARDED
    assert StarResult.objects.get(org=world.village, year=YEAR).level == 5


def test_publish_all_puts_every_confirmed_star_of_the_town_on_notice(world):
    make_star_plan(world.village2, year=YEAR, stars=[STAR])
    first, second = [], []
    for village, bucket in ((world.village, first), (world.village2, second)):
        cycle.give_evidence(world, STAR, village=village, user="town_admin")
        bucket.append(
            cycle.county_confirm(
                world, cycle.town_pass(world, cycle.submit(world, STAR, village, "town_admin"))
            )
        )
    count = notice_publish_all(town=world.town, year=YEAR, acting_user=world.users["town_admin"])
    assert count == 2
    with pytest.raises(PermissionDenied):
        notice_publish_all(town=world.town, year=YEAR, acting_user=world.users["outsider"])


def test_award_leaves_only_the_awarded_stars_in_a_hand_typed_result(world):
    """A result typed in by hand for a platform year (before it was refused) does not survive
    定星: the result becomes exactly the stars awarded, and the award is by the town, not the county."""
    forged = make_star_result(world.village, year=YEAR, stars=["支部过硬星", "产业兴旺星", "生态宜居星"])
    cycle.awarded(world, STAR)
    forged.refresh_from_db()
    assert (forged.stars, forged.level) == (["生态宜居星"], 1)
    assert forged.history.latest("history_id").history_user == world.users["town_admin"]
