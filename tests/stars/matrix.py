"""Permission-matrix cases of the star pages (imported by tests/matrix_ledgers.py).

Village and town pages follow the derived rule (404 outside the subtree, 403 without the
capability). Standards are issued for a town and seen from above and below it, so their cases
say their own rule; so does the public notice, which everyone working in the town may read.
"""

import datetime as dt
import json

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.matrix import Case, Target, register_cases
from tests.stars.support import simple_document
from tests.world import PERSONAS
from xiangzhi.core.models import system_user
from xiangzhi.core.roles import Capability
from xiangzhi.stars.access import may_manage_standard, may_see_town_notice
from xiangzhi.stars.choices import ApplicationStatus
from xiangzhi.stars.models import Objection, StarApplication, StarEvidence, StarStandard, StarTask, VetoRule
from xiangzhi.stars.services.standards import standard_load

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _village(world, location):
    return world.orgs[location].unit_at_level("village")


def _town(world, location):
    return world.orgs[location].unit_at_level("town")


def _standard(world, location) -> StarStandard:
    """This year's standard issued by the town of ``location`` (pages without ?year= show this year)."""
    town, year = _town(world, location), timezone.localdate().year
    found = StarStandard.objects.filter(org=town, year=year).first()
    return found or standard_load(
        raw=json.dumps(simple_document(year)).encode(), org=town, acting_user=system_user()
    )


def _task(world, location) -> StarTask:
    return StarTask.objects.filter(star__standard=_standard(world, location)).first()


def _application(world, location, status=ApplicationStatus.SUBMITTED) -> StarApplication:
    village = _village(world, location)
    application = StarApplication(
        org=village,
        town=_town(world, location),
        year=2023,
        star="生态宜居星",
        standard=_standard(world, location),
        status=status,
        self_assessment="自评",
    )
    if status == ApplicationStatus.IN_NOTICE:
        application.notice_starts_on, application.notice_ends_on = dt.date(2024, 1, 8), dt.date(2024, 1, 12)
    application.save()
    return application


def town_target(world, location, variant):
    town = _town(world, location)
    return Target({"pk": town.pk}, {"year": 2023}, town)


def village_target(world, location, variant):
    village = _village(world, location)
    return Target({"pk": village.pk}, {}, village)


def evidence_add_target(world, location, variant):
    village = _village(world, location)
    return Target({"pk": village.pk, "task": _task(world, location).pk}, {}, village)


def evidence_target(world, location, variant):
    village = _village(world, location)
    evidence = StarEvidence(org=village, town=_town(world, location), year=2023, task=_task(world, location))
    evidence.file.save("photo.png", ContentFile(PNG), save=False)
    evidence.file_name = "photo.png"
    evidence.save()
    return Target({"pk": evidence.pk}, {}, village)


def application_target(status=ApplicationStatus.SUBMITTED, data=None):
    def build(world, location, variant):
        application = _application(world, location, status)
        posted = {"version": application.version, **(data or {})}
        return Target({"pk": application.pk}, posted, application.org)

    return build


def objection_target(world, location, variant):
    application = _application(world, location, ApplicationStatus.IN_NOTICE)
    objection = Objection(
        application=application,
        org=application.org,
        town=application.town,
        received_on="2024-01-09",
        content="异议",
    )
    objection.save()
    data = {"version": objection.version, "upheld": "no", "resolution": "不成立"}
    return Target({"pk": objection.pk}, data, application.org)


def standard_target(world, location, variant):
    return Target({"pk": _standard(world, location).pk}, {}, _town(world, location))


def definition_target(world, location, variant):
    definition = _standard(world, location).stars.first()
    return Target({"pk": definition.pk}, {}, _town(world, location))


def task_target(world, location, variant):
    return Target({"pk": _task(world, location).pk}, {}, _town(world, location))


def veto_rule_target(world, location, variant):
    rule = VetoRule.objects.filter(star__standard=_standard(world, location)).first()
    return Target({"pk": rule.pk}, {}, _town(world, location))


def _sees_standard(user, town) -> bool:
    return any(town.path.startswith(p) or p.startswith(town.path) for p in user.scope_paths())


def standard_rule(success, *, manage: bool):
    """Seen from inside or above its town (else 404); kept by its town's admin or the county (403)."""

    def expect(world, persona, target):
        user = world.users[persona]
        if not _sees_standard(user, target.org):
            return 404
        if manage and not may_manage_standard(user, target.org):
            return 403
        return success

    return expect


def _manages_some_unit(world, persona) -> bool:
    return PERSONAS[persona][0] in ("town_admin", "county_reviewer")


def copy_rule(world, persona, target):
    if not _sees_standard(world.users[persona], target.org):
        return 404
    return 200 if _manages_some_unit(world, persona) else 403


def notice_rule(world, persona, target):
    return 200 if may_see_town_notice(world.users[persona], target.org) else 404


_S = ApplicationStatus
_REVIEW = {"decision": "pass", "comment": ""}

register_cases(
    {
        "stars-home": Case(),
        "stars-town": Case(target=town_target),
        "stars-notice": Case(target=town_target, expect=notice_rule),
        "stars-publish": Case(
            target=town_target, method="POST", capability=Capability.REVIEW_TOWN, success=302
        ),
        "stars-village": Case(target=village_target),
        "stars-apply": Case(target=village_target, capability=Capability.EDIT),
        "stars-veto-add": Case(target=village_target, capability=Capability.REVIEW_TOWN),
        "stars-evidence-add": Case(target=evidence_add_target, capability=Capability.EDIT),
        "stars-evidence-file": Case(target=evidence_target),
        "stars-evidence-remove": Case(
            target=evidence_target, method="POST", capability=Capability.EDIT, success=302
        ),
        "stars-application": Case(target=application_target()),
        "stars-town-review": Case(
            target=application_target(_S.SUBMITTED, _REVIEW),
            method="POST",
            capability=Capability.REVIEW_TOWN,
            success=302,
        ),
        "stars-county-review": Case(
            target=application_target(_S.TOWN_PASSED, _REVIEW),
            method="POST",
            capability=Capability.REVIEW_COUNTY,
            success=302,
        ),
        "stars-objection-add": Case(
            target=application_target(_S.IN_NOTICE, {"received_on": "2024-01-09", "content": "异议"}),
            method="POST",
            capability=Capability.REVIEW_TOWN,
            success=302,
        ),
        "stars-award": Case(
            target=application_target(_S.IN_NOTICE),
            method="POST",
            capability=Capability.REVIEW_TOWN,
            success=302,
        ),
        "stars-objection-resolve": Case(
            target=objection_target, method="POST", capability=Capability.REVIEW_TOWN, success=302
        ),
        "stars-standards": Case(),
        "stars-standard-upload": Case(
            expect=lambda world, persona, target: 200 if _manages_some_unit(world, persona) else 403
        ),
        "stars-standard": Case(target=standard_target, expect=standard_rule(200, manage=False)),
        "stars-standard-download": Case(target=standard_target, expect=standard_rule(200, manage=False)),
        "stars-standard-copy": Case(target=standard_target, expect=copy_rule),
        "stars-standard-edit": Case(target=standard_target, expect=standard_rule(200, manage=True)),
        "stars-definition-edit": Case(target=definition_target, expect=standard_rule(200, manage=True)),
        "stars-task-add": Case(target=definition_target, expect=standard_rule(200, manage=True)),
        "stars-veto-rule-add": Case(target=definition_target, expect=standard_rule(200, manage=True)),
        "stars-task-edit": Case(target=task_target, expect=standard_rule(200, manage=True)),
        "stars-veto-rule-edit": Case(target=veto_rule_target, expect=standard_rule(200, manage=True)),
        "stars-task-delete": Case(target=task_target, method="POST", expect=standard_rule(302, manage=True)),
        "stars-veto-rule-delete": Case(
            target=veto_rule_target, method="POST", expect=standard_rule(302, manage=True)
        ),
    }
)
