"""The dispute cycle 调处中 → 已化解 / 已上报 through its named services and its pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.security.factories import make_dispute
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.security.models import DisputeStatus
from xiangzhi.security.services import dispute_escalate, dispute_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute(world):
    return make_dispute(world.grid, registered_on=dt.date(2023, 4, 3))


@pytest.fixture
def cadre(world):
    return world.users["village_cadre"]


def test_resolving_sets_status_and_date_with_history_and_audit(dispute, cadre):
    dispute_resolve(dispute=dispute, acting_user=cadre, expected_version=1, resolved_on=dt.date(2023, 4, 20))

    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolved_on, dispute.version) == (
        DisputeStatus.RESOLVED,
        dt.date(2023, 4, 20),
        2,
    )
    latest = dispute.history.first()
    assert (latest.history_user, latest.history_change_reason) == (cadre, "化解")
    event = AuditEvent.objects.get(kind="dispute.resolved")
    assert (event.actor, event.object_id, event.detail) == (
        cadre,
        str(dispute.pk),
        {"resolved_on": "2023-04-20"},
    )


def test_resolving_without_a_date_is_refused_and_writes_nothing(dispute, cadre):
    with pytest.raises(ValidationError) as refused:
        dispute_resolve(dispute=dispute, acting_user=cadre, expected_version=1, resolved_on=None)

    assert "已化解的纠纷需填写化解日期" in refused.value.messages
    dispute.refresh_from_db()
    assert (dispute.status, dispute.version) == (DisputeStatus.MEDIATING, 1)
    assert not AuditEvent.objects.exists()


def test_resolving_before_registration_is_refused(dispute, cadre):
    with pytest.raises(ValidationError, match="化解日期不能早于登记日期"):
        dispute_resolve(
            dispute=dispute, acting_user=cadre, expected_version=1, resolved_on=dt.date(2023, 4, 1)
        )


def test_escalating_records_the_date_in_history_and_audit(dispute, cadre):
    dispute_escalate(
        dispute=dispute,
        acting_user=cadre,
        expected_version=1,
        escalated_on=dt.date(2023, 5, 1),
        note="涉及多村",
    )

    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolved_on) == (DisputeStatus.ESCALATED, None)
    assert dispute.history.first().history_change_reason == "上报（2023-05-01）"
    assert AuditEvent.objects.get(kind="dispute.escalated").detail == {
        "escalated_on": "2023-05-01",
        "note": "涉及多村",
    }


@pytest.mark.parametrize("escalated_on", [None, dt.date(2023, 4, 1)])
def test_escalating_without_a_sensible_date_is_refused(dispute, cadre, escalated_on):
    with pytest.raises(ValidationError):
        dispute_escalate(dispute=dispute, acting_user=cadre, expected_version=1, escalated_on=escalated_on)

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.MEDIATING


@pytest.mark.parametrize("closed", [DisputeStatus.RESOLVED, DisputeStatus.ESCALATED])
def test_a_closed_dispute_can_be_neither_resolved_nor_escalated(world, cadre, closed):
    dispute = make_dispute(world.grid, status=closed, resolved_on=dt.date(2023, 5, 1))
    day = dt.date(2023, 6, 1)

    with pytest.raises(ValidationError, match=f"纠纷当前为「{closed}」"):
        dispute_resolve(dispute=dispute, acting_user=cadre, expected_version=1, resolved_on=day)
    with pytest.raises(ValidationError, match=f"纠纷当前为「{closed}」"):
        dispute_escalate(dispute=dispute, acting_user=cadre, expected_version=1, escalated_on=day)


def test_a_stale_version_is_refused(dispute, cadre):
    with pytest.raises(StaleRecordError):
        dispute_resolve(
            dispute=dispute, acting_user=cadre, expected_version=7, resolved_on=dt.date(2023, 4, 20)
        )


def test_cadre_resolves_a_dispute_from_its_page(dispute, client_for):
    client = client_for("village_cadre")
    url = reverse("security-dispute-resolve", args=[dispute.pk])

    response = client.post(url, {"resolved_on": "2023-04-20", "version": 1})

    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.RESOLVED


def test_the_resolve_page_shows_the_reason_of_a_refusal(dispute, client_for):
    client = client_for("village_cadre")

    response = client.post(
        reverse("security-dispute-resolve", args=[dispute.pk]), {"resolved_on": "2023-04-01", "version": 1}
    )

    assert response.status_code == 200
    assert "化解日期不能早于登记日期" in response.content.decode()


def test_the_detail_page_offers_the_moves_only_while_mediating(world, dispute, client_for):
    client = client_for("village_cadre")
    open_page = client.get(reverse("ledger-detail", args=["disputes", dispute.pk])).content.decode()
    closed = make_dispute(world.grid, status=DisputeStatus.RESOLVED, resolved_on=dt.date(2023, 5, 1))
    closed_page = client.get(reverse("ledger-detail", args=["disputes", closed.pk])).content.decode()

    assert reverse("security-dispute-resolve", args=[dispute.pk]) in open_page
    assert reverse("security-dispute-escalate", args=[closed.pk]) not in closed_page


def test_the_edit_form_does_not_change_the_status(dispute, client_for):
    client = client_for("village_cadre")
    form = {
        "dispute_no": dispute.dispute_no,
        "org": dispute.org_id,
        "registered_on": "2023-04-03",
        "summary": "宅基地边界争议（补充）",
        "status": DisputeStatus.RESOLVED,
        "version": 1,
    }

    response = client.post(reverse("ledger-edit", args=["disputes", dispute.pk]), form)

    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.summary, dispute.status) == ("宅基地边界争议（补充）", DisputeStatus.MEDIATING)


def test_the_add_form_does_not_prefill_a_resolution_date(world, client_for):
    response = client_for("village_cadre").get(reverse("ledger-create", args=["disputes"]))

    assert "resolved_on" not in response.context["form"].initial
    assert "registered_on" in response.context["form"].initial


def test_the_edit_form_refuses_a_resolution_before_registration(dispute, client_for):
    form = {
        "dispute_no": dispute.dispute_no,
        "org": dispute.org_id,
        "registered_on": "2023-04-03",
        "summary": dispute.summary,
        "resolved_on": "2023-04-01",
        "version": 1,
    }

    response = client_for("village_cadre").post(reverse("ledger-edit", args=["disputes", dispute.pk]), form)

    assert response.status_code == 200
    assert "化解日期不能早于登记日期" in response.content.decode()
