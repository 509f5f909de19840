import pytest
from django.db import transaction

from xiangzhi.core.models import OrgUnit
from xiangzhi.demo.loader import load_demo
from xiangzhi.demo.orgs import TOWN_CODE


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo town loaded once for the module, and rolled back after it."""
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                load_demo()
                yield OrgUnit.objects.get(code=TOWN_CODE)
                raise _Rollback
        except _Rollback:
            pass
