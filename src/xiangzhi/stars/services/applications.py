"""The annual cycle of one star: 村自评 → 镇初审 → 县审核 → 公示 → 定星, each a named service.

Every service re-checks the acting user's capability over the village (a town admin cannot
touch another town's village, a cadre cannot review), refuses a move the current state does not
allow with a Chinese message, saves with history and writes an audit event.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.models import AuditKind, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import record_create, record_update
from xiangzhi.stars.access import town_of
from xiangzhi.stars.choices import ApplicationStatus as S
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.models import StarApplication, StarPlan, StarStandard
from xiangzhi.stars.readiness import StarState, VillageReadiness, town_readiness
from xiangzhi.stars.services.common import audit
from xiangzhi.stars.workdays import notice_end


def _expect(application: StarApplication, *allowed: str) -> None:
    if application.status not in allowed:
        wanted = "、".join(S(s).label for s in allowed)
        raise ValidationError(
            f"该申报当前为「{application.get_status_display()}」，只有「{wanted}」的申报可以这样处理"
        )


def _reason(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"reason": f"请填写{what}"})
    return text


def village_state(village: OrgUnit, year: int, acting_user) -> VillageReadiness:
    """Today's readiness of one village, as the acting user sees the ledgers."""
    town = town_of(village)
    readiness = town_readiness(town, year, acting_user, villages=[village])
    if readiness.standard is None:
        raise ValidationError(f"{year}年度尚未发布适用于{town.name}的创星标准")
    return readiness.villages[0]


def star_state(village: OrgUnit, year: int, star: str, acting_user) -> StarState:
    state = village_state(village, year, acting_user).star(star)
    if state is None:
        raise ValidationError(f"{year}年度的创星标准中没有「{star}」")
    return state


def _snapshot(state: StarState) -> list[dict]:
    return [
        {
            "seq": t.task.seq,
            "task": t.task.title,
            "status": t.status,
            "figure": t.figure.text if t.figure else "",
            "evidence": t.evidence,
        }
        for t in state.tasks
    ]


def _check_submittable(village: OrgUnit, year: int, star: str, state: StarState, acting_user) -> None:
    plan = StarPlan.objects.visible_to(acting_user).filter(org=village, year=year).first()
    if plan is None or star not in plan.stars:
        raise ValidationError(f"{village.name}{year}年度的创星计划中没有「{star}」，请先在村创星计划中列入")
    if state.vetoes:
        raise ValidationError(f"「{star}」本年度已被否决，不能申报：{'；'.join(state.vetoes)}")
    lacking = [t.task.title for t in state.tasks if t.status == "needs_evidence"]
    if lacking:
        raise ValidationError(f"以下任务须先补充佐证材料：{'、'.join(lacking)}")


@transaction.atomic
def application_submit(
    *, village: OrgUnit, year: int, star: str, self_assessment: str, acting_user, expected_version=None
) -> StarApplication:
    """村自评: a first submission, or a resubmission of a returned application."""
    require(acting_user, Capability.EDIT, village)
    if star not in StarName.values:
        raise ValidationError({"star": "请选择一颗星"})
    text = _reason(self_assessment, "自评说明")
    state = star_state(village, year, star, acting_user)
    _check_submittable(village, year, star, state, acting_user)
    application = (
        StarApplication.objects.visible_to(acting_user).filter(org=village, year=year, star=star).first()
    )
    fields = {
        "self_assessment": text,
        "snapshot": _snapshot(state),
        "submitted_on": timezone.localdate(),
        "standard": state.definition.standard,
    }
    if application is None:
        application = StarApplication(org=village, year=year, star=star, **fields)
        record_create(application, acting_user=acting_user, reason="村自评申报")
    else:
        _resubmit(application, fields, acting_user, expected_version)
    audit(
        AuditKind.STARS_APPLICATION_SUBMITTED,
        acting_user=acting_user,
        record=application,
        star=star,
        year=year,
    )
    return application


def _resubmit(application: StarApplication, fields: dict, acting_user, expected_version) -> None:
    """A returned application goes back to 镇初审 with the new self-assessment and snapshot."""
    _expect(application, S.RETURNED)
    for name, value in {**fields, "status": S.SUBMITTED, "return_reason": ""}.items():
        setattr(application, name, value)
    version = application.version if expected_version is None else expected_version
    record_update(
        application,
        acting_user=acting_user,
        capability=Capability.EDIT,
        expected_version=version,
        reason="重新申报",
    )


@transaction.atomic
def application_town_review(
    *, application: StarApplication, acting_user, expected_version: int, approve: bool, comment: str = ""
) -> StarApplication:
    """镇初审: pass to the county, or return to the village with the reasons."""
    require(acting_user, Capability.REVIEW_TOWN, application.org)
    _expect(application, S.SUBMITTED)
    if approve:
        application.status, application.town_comment = S.TOWN_PASSED, (comment or "").strip()
        kind, reason = AuditKind.STARS_APPLICATION_TOWN_PASSED, "镇初审通过"
    else:
        application.status = S.RETURNED
        application.town_comment = application.return_reason = _reason(comment, "退回原因")
        kind, reason = AuditKind.STARS_APPLICATION_RETURNED, "镇初审退回"
    record_update(
        application,
        acting_user=acting_user,
        capability=Capability.REVIEW_TOWN,
        expected_version=expected_version,
        reason=reason,
    )
    audit(kind, acting_user=acting_user, record=application, stage="town", comment=application.town_comment)
    return application


@transaction.atomic
def application_county_review(
    *, application: StarApplication, acting_user, expected_version: int, approve: bool, comment: str = ""
) -> StarApplication:
    """县审核: confirm the town's proposal, or return it to the village with the reasons."""
    require(acting_user, Capability.REVIEW_COUNTY, application.org)
    _expect(application, S.TOWN_PASSED)
    if approve:
        application.status, application.county_comment = S.COUNTY_CONFIRMED, (comment or "").strip()
        kind, reason = AuditKind.STARS_APPLICATION_COUNTY_CONFIRMED, "县审核通过"
    else:
        application.status = S.RETURNED
        application.county_comment = application.return_reason = _reason(comment, "退回原因")
        kind, reason = AuditKind.STARS_APPLICATION_RETURNED, "县审核退回"
    record_update(
        application,
        acting_user=acting_user,
        capability=Capability.REVIEW_COUNTY,
        expected_version=expected_version,
        reason=reason,
    )
    audit(
        kind, acting_user=acting_user, record=application, stage="county", comment=application.county_comment
    )
    return application


@transaction.atomic
def application_publish(
    *, application: StarApplication, acting_user, expected_version: int, starts_on: dt.date | None = None
) -> StarApplication:
    """公示: the confirmed star goes on the town's public notice for the standard's working days."""
    require(acting_user, Capability.REVIEW_TOWN, application.org)
    _expect(application, S.COUNTY_CONFIRMED)
    start = starts_on or timezone.localdate()
    standard = StarStandard.objects.get(pk=application.standard_id)
    application.status = S.IN_NOTICE
    application.notice_starts_on = start
    application.notice_ends_on = notice_end(start, standard.notice_working_days)
    record_update(
        application,
        acting_user=acting_user,
        capability=Capability.REVIEW_TOWN,
        expected_version=expected_version,
        reason=f"公示 {start:%Y-%m-%d} 至 {application.notice_ends_on:%Y-%m-%d}",
    )
    audit(
        AuditKind.STARS_NOTICE_PUBLISHED,
        acting_user=acting_user,
        record=application,
        starts_on=start.isoformat(),
        ends_on=application.notice_ends_on.isoformat(),
    )
    return application


def notice_publish_all(*, town: OrgUnit, year: int, acting_user, starts_on: dt.date | None = None) -> int:
    """Put every county-confirmed star of the town's villages on one notice; returns how many."""
    require(acting_user, Capability.REVIEW_TOWN, town)
    confirmed = StarApplication.objects.visible_to(acting_user).filter(
        org__path__startswith=town.path, year=year, status=S.COUNTY_CONFIRMED
    )
    count = 0
    with transaction.atomic():
        for application in confirmed.select_related("org"):
            application_publish(
                application=application,
                acting_user=acting_user,
                expected_version=application.version,
                starts_on=starts_on,
            )
            count += 1
    return count
