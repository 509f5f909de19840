"""Matrix cases of the generic ledger pages, one variant per registered ledger, and of care pages."""

from django.utils import timezone

from tests.factories import RECORD_FACTORIES
from tests.matrix import Case, Target, register_cases
from tests.world import PERSONAS
from xiangzhi.core.ledgers import all_ledgers
from xiangzhi.core.models import ImportJob
from xiangzhi.core.roles import Capability

LEDGER_VARIANTS = tuple({"ledger": ledger.name} for ledger in all_ledgers())


def _record(world, location, variant):
    record = RECORD_FACTORIES[variant["ledger"]](world.orgs[location])
    return Target({**variant, "pk": record.pk}, {}, record.org)


def _deleted_record(world, location, variant):
    record = RECORD_FACTORIES[variant["ledger"]](world.orgs[location])
    type(record).all_objects.filter(pk=record.pk).update(deleted_at=timezone.now())
    return Target({"label": record._meta.label_lower, "pk": record.pk}, {}, record.org)


def _record_history(world, location, variant):
    record = RECORD_FACTORIES[variant["ledger"]](world.orgs[location])
    return Target({"label": record._meta.label_lower, "pk": record.pk}, {}, record.org)


def _problem(world, location, variant):
    record = RECORD_FACTORIES["problems"](world.orgs[location])
    return Target({"pk": record.pk}, {"version": record.version}, record.org)


def _job(world, location, variant):
    job = ImportJob.objects.create(
        ledger="households",
        town=world.town,
        user=world.users["town_admin"],
        filename="a.xlsx",
        stored_path="/nonexistent/a.xlsx",
        dry_run=True,
        status="done",
    )
    return Target({"job": job.pk}, {}, world.town)


def _owner_only(success):
    def expect(world, persona, target):
        return success if persona == "town_admin" else 404

    return expect


# Ledgers written by one role alone, whatever the others may do with ledgers: 评星结果 is the
# county's (it determines stars; a village may not rate itself).
KEPT_BY_ONE_ROLE = {"star_results": Capability.REVIEW_COUNTY}


def _kept(variant):
    """A ledger kept by one role: its capability instead of EDIT."""
    capability = KEPT_BY_ONE_ROLE.get(variant["ledger"])
    return {"capability": capability} if capability else None


def _kept_import(variant):
    """Importing a kept ledger: the keeper at the county is first asked to choose a town (302)."""
    capability = KEPT_BY_ONE_ROLE.get(variant["ledger"])
    if capability is None:
        return None

    def expect(world, persona, target):
        unit = world.orgs[PERSONAS[persona][1]]
        if not world.users[persona].can(capability, unit):
            return 403
        return 302 if unit.level == "county" else 200

    return {"expect": expect}


register_cases(
    {
        "ledger-list": Case(variants=LEDGER_VARIANTS),
        "ledger-export": Case(variants=LEDGER_VARIANTS),
        "ledger-template": Case(variants=LEDGER_VARIANTS),
        "ledger-create": Case(
            variants=LEDGER_VARIANTS,
            capability=Capability.EDIT,
            checked_at="current",
            per_variant=_kept,
        ),
        "ledger-import": Case(
            variants=LEDGER_VARIANTS,
            capability=Capability.IMPORT,
            checked_at="current",
            per_variant=_kept_import,
        ),
        "ledger-detail": Case(variants=LEDGER_VARIANTS, target=_record),
        "ledger-edit": Case(
            variants=LEDGER_VARIANTS, target=_record, capability=Capability.EDIT, per_variant=_kept
        ),
        "ledger-delete": Case(
            variants=LEDGER_VARIANTS,
            target=_record,
            capability=Capability.EDIT,
            method="POST",
            success=302,
            per_variant=_kept,
        ),
        "record-restore": Case(
            variants=LEDGER_VARIANTS,
            target=_deleted_record,
            capability=Capability.RESTORE,
            method="POST",
            success=302,
        ),
        "import-job": Case(target=_job, expect=_owner_only(200)),
        "import-confirm": Case(target=_job, method="POST", expect=_owner_only(302)),
        # A clean check has no error workbook: 404 for the owner as for everyone else.
        "import-errors": Case(target=_job, expect=lambda world, persona, target: 404),
        "care-home": Case(),
        "care-monthly-visits": Case(),
        "care-problem-start": Case(target=_problem, capability=Capability.EDIT, method="POST", success=302),
        "care-problem-resolve": Case(target=_problem, capability=Capability.EDIT),
    }
)


def _app_cases() -> None:
    """Domain apps declare the matrix cases of their own pages in tests/<app>/matrix.py."""
    from importlib import import_module
    from importlib.util import find_spec

    for app in (
        "care",
        "safety",
        "security",
        "environment",
        "projects",
        "events",
        "points",
        "economy",
        "stars",
        "reports",
    ):
        if find_spec(f"tests.{app}.matrix") is not None:
            import_module(f"tests.{app}.matrix")


_app_cases()
