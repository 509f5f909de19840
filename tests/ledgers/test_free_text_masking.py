"""ID numbers and mobile numbers typed into free text (notes, descriptions, reasons) are masked when
saved, on every path — form, import, service — and the history never holds them in full."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_household, make_problem
from tests.ledgers.support import import_cli, write_xlsx
from xiangzhi.care.models import Household, Problem, Visit
from xiangzhi.care.services import problem_resolve
from xiangzhi.core.pii.masking import free_text_fields, mask_contacts_in_text

pytestmark = pytest.mark.django_db

ID = "410802198001010016"  # checksum-valid, fictitious
ID_MASKED = "410802********0016"
MOBILE = "13912345678"
MOBILE_MASKED = "139****5678"
VISIT_HEADERS = ["户编号", "走访日期", "走访人", "走访方式", "情况记录"]


@pytest.mark.parametrize(
    ("text", "expected", "kinds"),
    [
        (f"身份证 {ID}，已核实", f"身份证 {ID_MASKED}，已核实", ("身份证号",)),
        (f"电话{MOBILE}", f"电话{MOBILE_MASKED}", ("手机号",)),
        (f"{ID}/{MOBILE}", f"{ID_MASKED}/{MOBILE_MASKED}", ("身份证号", "手机号")),
        ("４１０８０２１９８００１０１００１６", "410802********0016", ("身份证号",)),  # full-width
        # A wrong check digit is still someone's ID (the visit note of the issue) …
        ("身份证 110105194912310021", "身份证 110105********0021", ("身份证号",)),
        # … but a number with no province or no real birth date in those places is not.
        ("订单 202312310000123456", "订单 202312310000123456", ()),
        ("单号 410802199913450016", "单号 410802199913450016", ()),
        ("编号 NG13912345678", "编号 NG13912345678", ()),  # part of a code
        ("账号 6222013912345678901", "账号 6222013912345678901", ()),  # part of a longer number
        ("座机 0391-12345678", "座机 0391-12345678", ()),
    ],
)
def test_only_valid_id_and_mobile_numbers_are_masked(text, expected, kinds):
    assert mask_contacts_in_text(text) == (expected, kinds)


def test_free_text_is_declared_on_the_fields_and_codes_and_names_are_not():
    assert free_text_fields(Visit) == ("notes",)
    assert free_text_fields(Problem) == ("description", "result")
    assert free_text_fields(Household) == ("exit_reason",)


def test_the_form_masks_the_note_says_so_and_the_history_holds_only_the_mask(client_for, world):
    household = make_household(world.grid)
    data = {
        "household": household.pk,
        "visited_on": "2023-07-14",
        "visitor": "李四",
        "method": "入户走访",
        "notes": f"身份证 {ID}，电话 {MOBILE}",
    }
    response = client_for("grid_worker").post(reverse("ledger-create", args=["visits"]), data)

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert visit.notes == f"身份证 {ID_MASKED}，电话 {MOBILE_MASKED}"
    assert [h.notes for h in visit.history.all()] == [f"身份证 {ID_MASKED}，电话 {MOBILE_MASKED}"]
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "情况记录中的身份证号和手机号已隐藏"


def test_an_edit_masks_too(client_for, world):
    household = make_household(world.grid)
    client = client_for("town_admin")
    url = reverse("ledger-edit", args=["households", household.pk])
    data = {
        "household_no": household.household_no,
        "org": world.grid.pk,
        "head_name": household.head_name,
        "size": 3,
        "categories": ["低保户"],
        "enrolled_on": "2023-01-05",
        "exited_on": "2023-06-01",
        "exit_reason": f"迁出，联系 {MOBILE}",
        "version": household.version,
    }
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    household.refresh_from_db()
    assert household.exit_reason == f"迁出，联系 {MOBILE_MASKED}"
    assert MOBILE not in "".join(h.exit_reason for h in household.history.all())
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "退出原因中的手机号已隐藏"


def test_an_import_masks_the_note_and_warns_where(world, tmp_path):
    household = make_household(world.grid, household_no="NG-001")
    rows = [
        {"户编号": "NG-001", "走访日期": "2023-07-14", "走访人": "李四", "情况记录": f"身份证{ID}"},
        {"户编号": "NG-001", "走访日期": "2023-07-15", "走访人": "李四", "情况记录": "一切正常"},
    ]
    result = import_cli("visits", write_xlsx(tmp_path / "v.xlsx", VISIT_HEADERS, rows))

    assert result.code == 0, result.err
    assert "提示：第 2 行：情况记录中的身份证号已隐藏" in result.err_lines
    notes = sorted(Visit.objects.filter(household=household).values_list("notes", flat=True))
    assert notes == ["一切正常", f"身份证{ID_MASKED}"]
    assert ID not in "".join(h.notes for h in Visit.history.all())


def test_the_browser_preview_warns_before_anything_is_written(client_for, world, tmp_path):
    make_household(world.grid, household_no="NG-001")
    rows = [{"户编号": "NG-001", "走访日期": "2023-07-14", "走访人": "李四", "情况记录": f"电话{MOBILE}"}]
    path = write_xlsx(tmp_path / "v.xlsx", VISIT_HEADERS, rows)
    upload = SimpleUploadedFile("走访记录.xlsx", path.read_bytes())

    page = client_for("town_admin").post(
        reverse("ledger-import", args=["visits"]), {"file": upload}, follow=True
    )

    assert "第 2 行：情况记录中的手机号已隐藏" in page.content.decode()
    assert not Visit.objects.exists()


def test_a_service_masks_the_text_it_saves(world):
    problem = make_problem(world.grid)
    problem_resolve(
        problem=problem,
        acting_user=world.users["town_admin"],
        expected_version=problem.version,
        resolved_on=dt.date(2023, 8, 1),
        result=f"已为 {ID} 办理",
    )

    problem.refresh_from_db()
    assert problem.result == f"已为 {ID_MASKED} 办理"
    assert ID not in "".join(h.result for h in problem.history.all())


def test_a_workflow_page_says_it_masked_the_text_it_saved(client_for, world):
    problem = make_problem(world.grid)
    url = reverse("care-problem-resolve", args=[problem.pk])
    data = {"resolved_on": "2023-08-01", "result": f"已为 {ID} 办理", "version": problem.version}

    response = client_for("town_admin").post(url, data)

    assert response.status_code == 302
    assert "办理结果中的身份证号已隐藏" in [str(m) for m in get_messages(response.wsgi_request)]
    problem.refresh_from_db()
    assert problem.result == f"已为 {ID_MASKED} 办理"
