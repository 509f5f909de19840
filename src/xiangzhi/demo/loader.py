"""Load the demo town in one transaction; each ledger module adds its records here."""

from django.db import transaction

from xiangzhi.core.demo_marker import mark_demo_town
from xiangzhi.core.models import OrgUnit
from xiangzhi.demo.orgs import TOWN_CODE, build_org_tree
from xiangzhi.demo.users import create_demo_users


def demo_present() -> bool:
    return OrgUnit.objects.filter(code=TOWN_CODE).exists()


@transaction.atomic
def load_demo() -> OrgUnit:
    town = build_org_tree()
    mark_demo_town(town.get_root())
    create_demo_users()
    return town
