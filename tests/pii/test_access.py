import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, PermissionDenied

from xiangzhi.core.models import AuditEvent, OrgUnit, User
from xiangzhi.core.pii.access import PII_REVEALED, log_full_view, reveal_field

from .support import Resident, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def village():
    return OrgUnit.objects.add_root({"code": "410802001", "name": "宁郭镇", "level": "town"})


@pytest.fixture
def cadre():
    return User.objects.create_user(username="cadre", password=None, display_name="村干部")


@pytest.fixture
def resident(resident_tables, village):
    return Resident.objects.create(org=village, name="张三丰", id_number=make_id_number())


def test_full_view_is_logged_without_the_value(resident, cadre, village):
    event = log_full_view(user=cadre, obj=resident, field="id_number", purpose="  低保转介  ")
    event.refresh_from_db()
    assert event.kind == PII_REVEALED == "pii.revealed"
    assert (event.actor, event.org) == (cadre, village)
    assert (event.object_type, event.object_id) == ("pii_tests.resident", str(resident.pk))
    assert event.detail == {"field": "id_number", "field_label": "身份证号", "purpose": "低保转介"}
    assert resident.id_number not in str(event.detail)
    assert resident.id_number[-4:] not in str(event.detail)


def test_reveal_field_returns_the_value_and_logs_it(resident, cadre):
    assert reveal_field(user=cadre, obj=resident, field="id_number", purpose="核对") == resident.id_number
    assert AuditEvent.objects.filter(kind=PII_REVEALED, actor=cadre).count() == 1


def test_anonymous_user_cannot_reveal(resident):
    with pytest.raises(PermissionDenied):
        reveal_field(user=AnonymousUser(), obj=resident, field="id_number", purpose="核对")
    assert not AuditEvent.objects.exists()


def test_system_job_is_logged_without_actor(resident):
    assert log_full_view(user=None, obj=resident, field="id_number").actor is None


def test_unknown_field_fails_before_logging(resident, cadre):
    with pytest.raises(FieldDoesNotExist):
        log_full_view(user=cadre, obj=resident, field="id_numbr")
    assert not AuditEvent.objects.exists()


def test_an_org_unit_is_its_own_org(village, cadre):
    assert log_full_view(user=cadre, obj=village, field="name").org == village


def test_a_reveal_without_a_purpose_is_refused_and_not_logged(resident, cadre):
    with pytest.raises(ValueError, match="purpose"):
        reveal_field(user=cadre, obj=resident, field="id_number", purpose="  ")
    assert not AuditEvent.objects.exists()


def test_a_field_not_declared_revealable_cannot_be_revealed(resident, cadre):
    with pytest.raises(PermissionDenied):
        reveal_field(user=cadre, obj=resident, field="name", purpose="核对")
    assert not AuditEvent.objects.exists()
