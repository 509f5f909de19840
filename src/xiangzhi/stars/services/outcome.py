"""The end of the cycle: objections during 公示, 定星 into the results ledger, and 摘星 by veto."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.models import AuditKind, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import record_create, record_update
from xiangzhi.stars.choices import ApplicationStatus as S
from xiangzhi.stars.choices import ObjectionStatus, StarName, VetoKind, canonical_stars
from xiangzhi.stars.models import Objection, StarApplication, StarResult, VetoEvent, VetoRule
from xiangzhi.stars.services.applications import _expect, _reason, star_state, village_state
from xiangzhi.stars.services.common import audit


@transaction.atomic
def objection_record(
    *, application: StarApplication, acting_user, content: str, received_on: dt.date | None = None
) -> Objection:
    """An objection received during 公示; 定星 waits until it is resolved."""
    require(acting_user, Capability.REVIEW_TOWN, application.org)
    _expect(application, S.IN_NOTICE)
    objection = Objection(
        application=application,
        org=application.org,
        received_on=received_on or timezone.localdate(),
        content=_reason(content, "异议内容"),
    )
    record_create(objection, acting_user=acting_user, reason="登记公示异议")
    audit(
        AuditKind.STARS_OBJECTION_RECORDED,
        acting_user=acting_user,
        record=objection,
        application=application.pk,
    )
    return objection


@transaction.atomic
def objection_resolve(
    *, objection: Objection, acting_user, expected_version: int, upheld: bool, resolution: str
) -> Objection:
    """Resolve an objection. One that is upheld returns the application to the village."""
    require(acting_user, Capability.REVIEW_TOWN, objection.org)
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError("该异议已处理")
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.resolution = _reason(resolution, "处理意见")
    objection.resolved_on = timezone.localdate()
    record_update(
        objection,
        acting_user=acting_user,
        capability=Capability.REVIEW_TOWN,
        expected_version=expected_version,
        reason=objection.get_status_display(),
    )
    if upheld:
        application = StarApplication.objects.get(pk=objection.application_id)
        application.status = S.RETURNED
        application.return_reason = f"公示异议成立：{objection.resolution}"
        record_update(
            application,
            acting_user=acting_user,
            capability=Capability.REVIEW_TOWN,
            expected_version=application.version,
            reason="公示异议成立，退回",
        )
    audit(AuditKind.STARS_OBJECTION_RESOLVED, acting_user=acting_user, record=objection, upheld=upheld)
    return objection


def _check_awardable(application: StarApplication, acting_user, today: dt.date) -> None:
    _expect(application, S.IN_NOTICE)
    if application.notice_ends_on is None:
        raise ValidationError("该申报没有公示期记录，请重新发布公示")
    if today <= application.notice_ends_on:
        raise ValidationError(f"公示期至 {application.notice_ends_on:%Y年%m月%d日} 结束，期满后才能定星")
    if application.objections.filter(status=ObjectionStatus.OPEN, deleted_at__isnull=True).exists():
        raise ValidationError("公示期间收到的异议尚未处理完毕，不能定星")
    village = village_state(application.org, application.year, acting_user)
    state = village.star(application.star)
    if state is None:
        raise ValidationError(f"{application.year}年度的创星标准中没有「{application.star}」")
    if state.vetoes:
        raise ValidationError(f"「{application.star}」触发否决事项，不能定星：{'；'.join(state.vetoes)}")
    if state.definition.requires_all_others:
        missing = [other.star for other in village.stars if other is not state and not other.awarded]
        if missing:
            raise ValidationError(
                f"「{application.star}」须在其他各星定星之后评定，尚缺：{'、'.join(missing)}"
            )


@transaction.atomic
def application_award(
    *, application: StarApplication, acting_user, expected_version: int, today: dt.date | None = None
) -> StarApplication:
    """定星: after the notice period, with no open objection and no veto, the star is written into
    the village's 评星结果 for the year (created, or updated with history)."""
    require(acting_user, Capability.REVIEW_TOWN, application.org)
    today = today or timezone.localdate()
    _check_awardable(application, acting_user, today)
    application.status, application.awarded_on = S.AWARDED, today
    record_update(
        application,
        acting_user=acting_user,
        capability=Capability.REVIEW_TOWN,
        expected_version=expected_version,
        reason="定星",
    )
    _result_add(application.org, application.year, application.star, today, acting_user)
    audit(AuditKind.STARS_STAR_AWARDED, acting_user=acting_user, record=application, star=application.star)
    return application


def _result_add(village: OrgUnit, year: int, star: str, day: dt.date, acting_user) -> StarResult:
    """The awarded star into the year's result: the result holds exactly the stars awarded, so a
    star typed in by hand before (in an earlier version that allowed it) does not survive 定星."""
    result = StarResult.all_objects.visible_to(acting_user).filter(org=village, year=year).first()
    awarded = StarApplication.objects.visible_to(acting_user).filter(org=village, year=year, status=S.AWARDED)
    stars = canonical_stars([*awarded.values_list("star", flat=True), star])
    if result is None:
        result = StarResult(org=village, year=year, stars=stars, rated_on=day)
        result.from_cycle = True
        return record_create(
            result, acting_user=acting_user, reason=f"定星：{star}", capability=Capability.REVIEW_TOWN
        )
    result.stars, result.rated_on, result.deleted_at, result.from_cycle = stars, day, None, True
    return record_update(
        result,
        acting_user=acting_user,
        expected_version=result.version,
        reason=f"定星：{star}",
        capability=Capability.REVIEW_TOWN,
    )


@transaction.atomic
def veto_record(
    *,
    village: OrgUnit,
    year: int,
    star: str,
    kind: str,
    occurred_on: dt.date,
    description: str,
    acting_user,
    rule: VetoRule | None = None,
    reference: str = "",
) -> VetoEvent:
    """一票否决 / 摘星: record the event; a star the village holds for the year is withdrawn at once
    (from the results ledger and its application, both with history)."""
    require(acting_user, Capability.REVIEW_TOWN, village)
    if star not in StarName.values:
        raise ValidationError({"star": "请选择被否决的星"})
    if kind not in VetoKind.values:
        raise ValidationError({"kind": "请选择事件类型"})
    if rule is not None and rule.star.star != star:
        raise ValidationError({"rule": f"该否决事项不属于「{star}」"})
    event = VetoEvent(
        org=village,
        year=year,
        star=star,
        rule=rule,
        kind=kind,
        occurred_on=occurred_on,
        description=_reason(description, "情况说明"),
        reference=(reference or "").strip(),
    )
    record_create(event, acting_user=acting_user, reason="登记否决事件")
    withdrawn = _withdraw(village, year, star, event, acting_user)
    audit(
        AuditKind.STARS_VETO_RECORDED, acting_user=acting_user, record=event, star=star, withdrawn=withdrawn
    )
    return event


def _withdraw(village: OrgUnit, year: int, star: str, event: VetoEvent, acting_user) -> bool:
    reason = f"摘星：{event.get_kind_display()}（{event.occurred_on:%Y-%m-%d}）{event.description}"
    result = StarResult.objects.visible_to(acting_user).filter(org=village, year=year).first()
    held = result is not None and star in result.stars
    if held:
        result.stars, result.from_cycle = [s for s in result.stars if s != star], True
        record_update(
            result,
            acting_user=acting_user,
            expected_version=result.version,
            reason=reason,
            capability=Capability.REVIEW_TOWN,
        )
    application = (
        StarApplication.objects.visible_to(acting_user).filter(org=village, year=year, star=star).first()
    )
    if application is not None and application.status == S.AWARDED:
        application.status, application.withdrawn_on = S.WITHDRAWN, timezone.localdate()
        application.withdraw_reason = reason
        record_update(
            application,
            acting_user=acting_user,
            capability=Capability.REVIEW_TOWN,
            expected_version=application.version,
            reason=reason,
        )
    if held:
        audit(AuditKind.STARS_STAR_WITHDRAWN, acting_user=acting_user, record=event, star=star, reason=reason)
    return held


def veto_rules_of(village: OrgUnit, year: int, star: str, acting_user) -> list[VetoRule]:
    """The manual veto items of the standard in force, for the 否决 form."""
    state = star_state(village, year, star, acting_user)
    return [rule for rule in state.definition.veto_rules.all() if not rule.metric]
