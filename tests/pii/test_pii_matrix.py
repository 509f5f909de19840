"""The PII matrix: every personal-data field of every ledger × every way its value can leave
(list, detail, history, edit form, export, error workbook, report, reveal) × a reader with and a
reader without the reveal capability: masked or full as declared, and an audit event wherever a
full value leaves.

The expected personal fields are the literal table below; the models are enumerated too, so a
field that loses (or gains) its declaration fails ``test_the_declared_personal_fields_are_these``.
"""

import io
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import RECORD_FACTORIES
from xiangzhi.core.ledgers import get_ledger, jobs
from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.models import AuditEvent, ImportJob, JobStatus
from xiangzhi.core.pii.declared import personal_fields
from xiangzhi.core.tabular import write_rows

pytestmark = pytest.mark.django_db

ID_NUMBER = "410802198001011238"
PHONE = "13912345678"
ID_MASKED = "410802********1238"
PHONE_MASKED = "139****5678"


# (model, field): ledger, full value, its mask, export header, on the list page, revealable.
PERSONAL_FIELDS = {
    ("care.household", "head_id_number"): ("households", ID_NUMBER, ID_MASKED, "户主身份证号", True, True),
    ("care.household", "phone"): ("households", PHONE, PHONE_MASKED, "联系电话", False, True),
    ("care.member", "id_number"): ("members", ID_NUMBER, ID_MASKED, "身份证号", True, True),
    ("safety.premises", "phone"): ("premises", PHONE, PHONE_MASKED, "联系电话", True, True),
}
CASES = list(PERSONAL_FIELDS)
SURFACES = ("list", "detail", "history", "edit form", "export", "error workbook", "report", "reveal")
# Who reads: with the reveal capability (town administrator) or without it. The report is read by
# those who may have it (a grid worker may not), so its reader without the capability is a leader.
READERS = {"with": "town_admin", "without": "grid_worker"}
REPORT_READERS = {"with": "town_admin", "without": "leader"}
# Where a full value may leave, for a reader with the capability, and the audit event it leaves.
FULL_FOR_REVEALER = {"export": "pii.exported", "error workbook": "pii.exported", "reveal": "pii.revealed"}


def test_the_declared_personal_fields_are_these():
    declared = {
        (model._meta.label_lower, name)
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        for name in personal_fields(model)
    }
    assert declared == set(PERSONAL_FIELDS)


@pytest.mark.parametrize("case", CASES, ids=lambda case: ".".join(case))
def test_each_declared_field_has_its_mask_and_revealability(case):
    _, full, masked, _, _, revealable = PERSONAL_FIELDS[case]
    field = apps.get_model(case[0])._meta.get_field(case[1])

    assert field.mask(full) == masked
    assert field.revealable is revealable


def _record(world, case):
    """The record of the case, at the grid, holding the full value (its history too)."""
    model_label, name = case
    made = RECORD_FACTORIES[PERSONAL_FIELDS[case][0]](world.grid)
    model = apps.get_model(model_label)
    model.objects.filter(pk=made.pk).update(**{name: PERSONAL_FIELDS[case][1]})
    made = model.objects.get(pk=made.pk)
    made.save()  # a history row that holds the value
    return made


def _page(client, surface: str, ledger: str, record) -> str:
    urls = {
        "list": reverse("ledger-list", args=[ledger]),
        "detail": reverse("ledger-detail", args=[ledger, record.pk]),
        "history": reverse("record-history", args=[record._meta.label_lower, record.pk]),
        "edit form": reverse("ledger-edit", args=[ledger, record.pk]),
    }
    response = client.get(urls[surface])
    assert response.status_code == 200
    return response.content.decode()


def _column(workbook_bytes: bytes, header: str) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    position = list(rows[0]).index(header)
    return [row[position] for row in rows[1:]]


def _error_workbook(client, world, persona: str, ledger_name: str, record, tmp_path: Path) -> bytes:
    """The error workbook of a check of a file holding the record's row twice (the second repeats
    its key: an error), downloaded by its uploader."""
    ledger = get_ledger(ledger_name)
    row = ledger.to_row(record, OrgDirectory(world.town))
    upload = io.BytesIO()
    write_rows(ledger.sheet, [row, row], upload)
    job = ImportJob.objects.create(
        ledger=ledger_name,
        town=world.town,
        user=world.users[persona],
        filename=f"{ledger_name}.xlsx",
        stored_path=jobs.store_upload(SimpleUploadedFile(f"{ledger_name}.xlsx", upload.getvalue())),
        dry_run=True,
    )
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.error_count, job.message
    response = client.get(reverse("import-errors", args=[job.pk]))
    assert response.status_code == 200
    return response.content


def _reveal(client, ledger: str, record, field: str):
    url = reverse("ledger-reveal", args=[ledger, record.pk, field])
    return client.post(url, {"purpose": "核实联系方式"})


def _report(client, world) -> str:
    code = world.town.code
    names = ("reports-report", "reports-json")
    pages = [client.get(reverse(name, args=[code]), {"year": "2023"}) for name in names]
    assert [page.status_code for page in pages] == [200, 200]
    return "".join(page.content.decode() for page in pages)


def _events() -> list[tuple[str, dict]]:
    return [(event.kind, event.detail) for event in AuditEvent.objects.filter(kind__startswith="pii.")]


@pytest.mark.parametrize("reader", ["with", "without"])
@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: ".".join(case))
def test_a_personal_value_is_masked_or_full_as_declared(client_for, world, tmp_path, case, surface, reader):
    ledger, full, masked, header, on_list, revealable = PERSONAL_FIELDS[case]
    field = case[1]
    record = _record(world, case)
    persona = (REPORT_READERS if surface == "report" else READERS)[reader]
    client = client_for(persona)
    AuditEvent.objects.all().delete()
    full_expected = reader == "with" and surface in FULL_FOR_REVEALER

    if surface in ("list", "detail", "history", "edit form"):
        shown = _page(client, surface, ledger, record)
        assert full not in shown
        if surface != "list" or on_list:
            assert masked in shown
        reveal_url = reverse("ledger-reveal", args=[ledger, record.pk, field])
        assert (reveal_url in shown) is (surface == "detail" and reader == "with" and revealable)
    elif surface == "export":
        cells = _column(client.get(reverse("ledger-export", args=[ledger])).content, header)
        assert cells == [full if full_expected else masked]
    elif surface == "error workbook":
        cells = _column(_error_workbook(client, world, persona, ledger, record, tmp_path), header)
        # Only rows with an error are written (a reader who may not import has both refused).
        shown = [cell for cell in cells if cell is not None]
        assert shown and set(shown) == {full if full_expected else masked}
    elif surface == "report":
        shown = _report(client, world)
        assert full not in shown and masked not in shown  # reports carry no personal data at all
    else:  # reveal
        response = _reveal(client, ledger, record, field)
        assert response.status_code == (200 if reader == "with" else 403)
        assert (full in response.content.decode()) is full_expected

    events = _events()
    if not full_expected:
        assert events == []
    elif surface == "reveal":
        assert [(kind, detail["field"]) for kind, detail in events] == [("pii.revealed", field)]
    else:
        assert [kind for kind, _ in events] == ["pii.exported"]
        assert events[0][1]["ledger"] == ledger and events[0][1]["rows"] == 1
        assert field in events[0][1]["fields"]
