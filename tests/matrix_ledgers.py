"""Matrix cases of the generic ledger pages, one variant per registered ledger, and of care pages."""

from django.utils import timezone

from tests.factories import RECORD_FACTORIES
from tests.matrix import Case, Target, register_cases
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


# Every revealable personal-data field (literal, as in tests/pii/test_pii_matrix.py).
REVEAL_VARIANTS = (
    {"ledger": "households", "field": "head_id_number"},
    {"ledger": "households", "field": "phone"},
    {"ledger": "members", "field": "id_number"},
    {"ledger": "premises", "field": "phone"},
)


def _revealable(world, location, variant):
    record = RECORD_FACTORIES[variant["ledger"]](world.orgs[location])
    if variant["field"] == "phone":
        type(record).objects.filter(pk=record.pk).update(phone="13900001111")
    return Target({**variant, "pk": record.pk}, {}, record.org)


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


register_cases(
    {
        "ledger-list": Case(variants=LEDGER_VARIANTS),
        "ledger-export": Case(variants=LEDGER_VARIANTS),
        "ledger-template": Case(variants=LEDGER_VARIANTS),
        "ledger-create": Case(variants=LEDGER_VARIANTS, capability=Capability.EDIT, checked_at="current"),
        "ledger-import": Case(
            variants=LEDGER_VARIANTS, capability=Capability.IMPORT, checked_at="current", above_town=302
        ),
        "ledger-detail": Case(variants=LEDGER_VARIANTS, target=_record),
        "ledger-edit": Case(variants=LEDGER_VARIANTS, target=_record, capability=Capability.EDIT),
        "ledger-delete": Case(
            variants=LEDGER_VARIANTS,
            target=_record,
            capability=Capability.EDIT,
            method="POST",
            success=302,
        ),
        "record-restore": Case(
            variants=LEDGER_VARIANTS,
            target=_deleted_record,
            capability=Capability.RESTORE,
            method="POST",
            success=302,
        ),
        "ledger-reveal": Case(target=_revealable, variants=REVEAL_VARIANTS, capability=Capability.REVEAL_PII),
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
