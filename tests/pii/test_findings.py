"""One test per finding of the personal-data review; each failed before the declaration moved onto
the model field: a phone left a leader's or county reviewer's export in full, a full export was
logged without its rows and fields (and the command line not at all), an export revealed unless
told otherwise, and a premises phone could never be revealed."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import make_household
from tests.ledgers.support import export_cli
from tests.safety.factories import make_premises
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.exporter import export_records
from xiangzhi.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ID_NUMBER = "410802198001011238"
PHONE = "13912345678"
LOGGED = {"ledger": "households", "rows": 1, "fields": ["head_id_number", "phone"]}


@pytest.fixture
def household(world):
    return make_household(world.grid, head_id_number=ID_NUMBER, phone=PHONE)


def _first_row(content: bytes) -> dict:
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    return dict(zip(rows[0], rows[1], strict=True))


@pytest.mark.parametrize("persona", ["leader", "county_reviewer"])
def test_a_reader_without_the_reveal_capability_exports_the_phone_masked(client_for, household, persona):
    row = _first_row(client_for(persona).get(reverse("ledger-export", args=["households"])).content)

    assert (row["户主身份证号"], row["联系电话"]) == ("410802********1238", "139****5678")
    assert not AuditEvent.objects.filter(kind="pii.exported").exists()


def test_a_full_web_export_is_logged_with_who_which_ledger_how_many_rows_and_which_fields(
    client_for, world, household
):
    row = _first_row(client_for("town_admin").get(reverse("ledger-export", args=["households"])).content)

    assert (row["户主身份证号"], row["联系电话"]) == (ID_NUMBER, PHONE)
    event = AuditEvent.objects.get(kind="pii.exported")
    assert (event.actor, event.org, event.object_type) == (
        world.users["town_admin"],
        world.town,
        "care.household",
    )
    assert event.detail == {**LOGGED, "channel": "web"}


def test_the_command_line_export_is_full_and_logged(world, household, tmp_path):
    out = tmp_path / "households.xlsx"

    assert export_cli("households", out).code == 0

    assert _first_row(out.read_bytes())["联系电话"] == PHONE
    event = AuditEvent.objects.get(kind="pii.exported")
    assert (event.actor, event.org) == (None, world.town)
    assert event.detail == {**LOGGED, "channel": "cli"}


def test_an_export_without_a_stated_reader_is_refused_rather_than_revealing(world, household):
    ledger = get_ledger("households")

    with pytest.raises(TypeError):
        export_records(ledger, ledger.model.objects.all(), io.BytesIO(), root=world.town)
    assert not AuditEvent.objects.exists()


def test_a_premises_phone_is_revealed_from_its_detail_page_with_a_purpose(client_for, world):
    premises = make_premises(world.grid, phone=PHONE)
    client = client_for("village_cadre")
    reveal_url = reverse("ledger-reveal", args=["premises", premises.pk, "phone"])

    detail = client.get(reverse("ledger-detail", args=["premises", premises.pk])).content.decode()
    revealed = client.post(reveal_url, {"purpose": "通知整改隐患"}).content.decode()

    assert reveal_url in detail and PHONE not in detail
    assert PHONE in revealed
    event = AuditEvent.objects.get(kind="pii.revealed")
    assert (event.actor, event.object_type, event.object_id) == (
        world.users["village_cadre"],
        "safety.premises",
        str(premises.pk),
    )
    assert event.detail == {"field": "phone", "field_label": "联系电话", "purpose": "通知整改隐患"}
