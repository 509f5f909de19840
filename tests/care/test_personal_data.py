"""Personal data of the care ledgers: encrypted at rest (the raw tables hold no ID number or phone),
masked on every page, shown in full only to a role that may, after an explicit click that is logged."""

import io

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from tests.ledgers.support import FULL_ID, HOUSEHOLD_HEADERS, household, import_cli, valid_id, write_xlsx
from xiangzhi.care.models import Household, Member
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.pii.fields import index_lookup

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def records(world, tmp_path):
    """A household imported from a file, then edited (so history holds two versions), and a member."""
    import_cli("households", write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(联系电话=PHONE)]))
    import_cli(
        "households",
        write_xlsx(tmp_path / "h2.xlsx", HOUSEHOLD_HEADERS, [household(联系电话=PHONE, 家庭人口=5)]),
    )
    member_row = {
        "户编号": "NG-001",
        "姓名": "张小三",
        "身份证号": valid_id(55, "20100101"),
        "与户主关系": "子女",
    }
    import_cli("members", write_xlsx(tmp_path / "m.xlsx", list(member_row), [member_row]))
    return Household.objects.get(), Member.objects.get()


def _raw_column(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT head_id_number FROM care_household",
        "SELECT phone FROM care_household",
        "SELECT head_id_number FROM care_historicalhousehold",
        "SELECT phone FROM care_historicalhousehold",
        "SELECT id_number FROM care_member",
        "SELECT id_number FROM care_historicalmember",
    ],
)
def test_the_raw_tables_hold_no_plain_id_number_or_phone(records, sql):
    values = _raw_column(sql)

    assert values, "the table should hold rows"
    for value in values:
        assert value.startswith("v1:")
        assert not FULL_ID.search(value)
        assert PHONE not in value


def test_the_history_rows_hold_two_versions_of_the_imported_household(records):
    assert len(_raw_column("SELECT head_id_number FROM care_historicalhousehold")) == 2


def test_exact_lookup_goes_through_the_blind_index(records):
    record, _ = records

    assert Household.objects.get(**index_lookup("head_id_number", record.head_id_number.lower())) == record


def test_the_household_list_search_finds_the_last_four_digits(client_for, records):
    record, _ = records

    response = client_for("town_admin").get(
        reverse("ledger-list", args=["households"]), {"q": record.head_id_number[-4:]}
    )

    assert [row[0].value for row in response.context["table"]["rows"]] == [record.household_no]


PAGES = [
    ("list", lambda r, m: reverse("ledger-list", args=["households"])),
    ("detail", lambda r, m: reverse("ledger-detail", args=["households", r.pk])),
    ("history", lambda r, m: reverse("record-history", args=["care.household", r.pk])),
    ("member list", lambda r, m: reverse("ledger-list", args=["members"])),
    ("member detail", lambda r, m: reverse("ledger-detail", args=["members", m.pk])),
    ("member history", lambda r, m: reverse("record-history", args=["care.member", m.pk])),
]


@pytest.mark.parametrize(("page", "url"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", ["grid_worker", "town_admin"])
def test_pages_show_masked_id_numbers_and_phones(client_for, records, page, url, persona):
    record, member = records

    html = client_for(persona).get(url(record, member)).content.decode()

    assert not FULL_ID.search(html)
    assert PHONE not in html
    if page.startswith("member"):
        assert f"410802********{member.id_number[-4:]}" in html
    else:
        assert f"410802********{record.head_id_number[-4:]}" in html
    if page in ("detail", "history"):
        assert "139****5678" in html


def test_the_reveal_button_is_offered_only_to_roles_that_may_see_in_full(client_for, records):
    record, _ = records
    url = reverse("ledger-detail", args=["households", record.pk])

    assert "查看完整户主身份证号" in client_for("village_cadre").get(url).content.decode()
    assert "查看完整户主身份证号" not in client_for("grid_worker").get(url).content.decode()


def test_revealing_shows_the_full_number_and_logs_who_saw_it(client_for, world, records):
    record, _ = records
    url = reverse("ledger-reveal", args=["households", record.pk, "head_id_number"])

    response = client_for("village_cadre").post(url, {"purpose": "办理医保"})

    assert response.status_code == 200
    assert record.head_id_number in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    event = AuditEvent.objects.get(kind="pii.revealed")
    assert (event.actor, event.org, event.object_id) == (
        world.users["village_cadre"],
        world.grid,
        str(record.pk),
    )
    assert event.detail == {"field": "head_id_number", "field_label": "户主身份证号", "purpose": "办理医保"}
    assert record.head_id_number not in str(event.detail)


def test_the_reveal_page_asks_for_the_purpose_first_and_logs_nothing(client_for, records):
    record, _ = records
    url = reverse("ledger-reveal", args=["households", record.pk, "phone"])

    html = client_for("town_admin").get(url).content.decode()

    assert "用途" in html and "139****5678" in html
    assert PHONE not in html
    assert not AuditEvent.objects.exists()


def test_a_reveal_without_a_purpose_is_refused_with_a_message(client_for, records):
    record, _ = records
    url = reverse("ledger-reveal", args=["households", record.pk, "phone"])

    html = client_for("town_admin").post(url, {"purpose": "  "}).content.decode()

    assert "请填写查看用途" in html
    assert PHONE not in html
    assert not AuditEvent.objects.exists()


def test_a_member_id_number_is_revealed_the_same_way(client_for, records):
    _, member = records

    response = client_for("town_admin").post(
        reverse("ledger-reveal", args=["members", member.pk, "id_number"]), {"purpose": "核对户籍"}
    )

    assert member.id_number in response.content.decode()
    assert AuditEvent.objects.filter(kind="pii.revealed", object_type="care.member").count() == 1


def test_a_grid_worker_may_not_reveal_and_nothing_is_logged(client_for, records):
    record, _ = records

    response = client_for("grid_worker").post(
        reverse("ledger-reveal", args=["households", record.pk, "head_id_number"]), {"purpose": "核对"}
    )

    assert response.status_code == 403
    assert record.head_id_number not in response.content.decode()
    assert not AuditEvent.objects.filter(kind="pii.revealed").exists()


@pytest.mark.parametrize(
    "args", [("households", "head_name"), ("visits", "notes"), ("households", "head_id_number_index")]
)
def test_only_personal_data_fields_can_be_revealed(client_for, records, args):
    record, _ = records
    ledger, field = args

    response = client_for("town_admin").post(
        reverse("ledger-reveal", args=[ledger, record.pk, field]), {"purpose": "核对"}
    )

    assert response.status_code == 404


def test_a_grid_worker_export_has_masked_numbers_and_a_town_admin_export_is_logged(client_for, records):
    record, _ = records
    url = reverse("ledger-export", args=["households"])

    masked = openpyxl.load_workbook(io.BytesIO(client_for("grid_worker").get(url).content)).worksheets[0]
    full = openpyxl.load_workbook(io.BytesIO(client_for("town_admin").get(url).content)).worksheets[0]

    assert masked.cell(2, 5).value == f"410802********{record.head_id_number[-4:]}"
    assert (masked.cell(2, 6).value, full.cell(2, 6).value) == ("139****5678", PHONE)
    assert full.cell(2, 5).value == record.head_id_number
    assert AuditEvent.objects.filter(kind="pii.exported").count() == 1
    assert Member.objects.count() == 1
