"""DEMO DATA for the review cycle: the example standard for the demo town and a few villages
part-way through 2023's cycle (the demo stands at mid-2023, so nothing is on notice or awarded).

Called by the demo loader after the star ledgers (targets, plans) are in place, with the demo
town's administrator as the acting user: ``load_cycle_demo(town, acting_user)``.
"""

import datetime as dt

from simple_history.utils import bulk_create_with_history

from xiangzhi.core.models import OrgLevel, OrgUnit, system_user
from xiangzhi.stars.choices import ApplicationStatus
from xiangzhi.stars.models import StarApplication, StarEvidence, StarPlan, StarStandard, StarTask
from xiangzhi.stars.readiness import town_readiness
from xiangzhi.stars.services.applications import _snapshot
from xiangzhi.stars.services.standards import standard_load
from xiangzhi.stars.standards import EXAMPLE_2023

YEAR = 2023
REASON = "载入演示数据"
# (village, star, status, comment): a spread of where villages stand in July 2023.
APPLICATIONS = [
    ("桥湾村", "生态宜居星", ApplicationStatus.TOWN_PASSED, "环境整治成效明显，同意报县审核"),
    ("桥湾村", "文明幸福星", ApplicationStatus.SUBMITTED, ""),
    ("大驾村", "文明幸福星", ApplicationStatus.COUNTY_CONFIRMED, "志愿服务和积分制运行规范"),
    ("北官庄村", "产业兴旺星", ApplicationStatus.SUBMITTED, ""),
    ("宁郭村", "平安法治星", ApplicationStatus.RETURNED, "个别隐患整改照片缺失，请补充后重新申报"),
]


def load_cycle_demo(town: OrgUnit, acting_user) -> StarStandard:
    standard = StarStandard.objects.filter(org=town, year=YEAR).first()
    if standard is None:
        standard = standard_load(raw=EXAMPLE_2023.read_bytes(), org=town, acting_user=system_user())
    villages = {v.name: v for v in OrgUnit.objects.filter(path__startswith=town.path, level=OrgLevel.VILLAGE)}
    plans = {p.org_id: p.stars for p in StarPlan.objects.filter(town=town, year=YEAR)}
    wanted = [
        row for row in APPLICATIONS if row[0] in villages and row[1] in plans.get(villages[row[0]].pk, [])
    ]
    _evidence(town, standard, [(villages[name], star) for name, star, _, _ in wanted], acting_user)
    readiness = town_readiness(
        town, YEAR, acting_user, villages=sorted({villages[r[0]] for r in wanted}, key=_path)
    )
    states = {v.village.pk: v for v in readiness.villages}
    applications = [
        _application(
            town, standard, villages[name], star, status, comment, states[villages[name].pk].star(star)
        )
        for name, star, status, comment in wanted
    ]
    bulk_create_with_history(
        applications, StarApplication, default_user=acting_user, default_change_reason=REASON
    )
    return standard


def _path(unit: OrgUnit) -> str:
    return unit.path


def _evidence(town, standard, pairs, acting_user) -> None:
    """A note for every task no ledger can judge, so the demo applications were submittable."""
    pieces = []
    for village, star in pairs:
        for task in StarTask.objects.filter(star__standard=standard, star__star=star, metric=""):
            pieces.append(
                StarEvidence(
                    org=village, town=town, year=YEAR, task=task, text="（演示）会议记录和照片已归档"
                )
            )
    bulk_create_with_history(pieces, StarEvidence, default_user=acting_user, default_change_reason=REASON)


def _application(town, standard, village, star, status, comment, state) -> StarApplication:
    returned = status == ApplicationStatus.RETURNED
    confirmed = status == ApplicationStatus.COUNTY_CONFIRMED
    return StarApplication(
        org=village,
        town=town,
        year=YEAR,
        star=star,
        standard=standard,
        status=status,
        self_assessment=f"（演示）对照{standard.label}逐项自评，{star}各项任务已基本完成。",
        snapshot=_snapshot(state) if state else [],
        submitted_on=dt.date(2023, 6, 20),
        town_comment="同意报县审核"
        if confirmed
        else (comment if status != ApplicationStatus.SUBMITTED else ""),
        county_comment=comment if confirmed else "",
        return_reason=comment if returned else "",
    )
