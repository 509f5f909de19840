"""Every change shows on the record's history page with the acting user and each field before → after,
whether it came through a form (one record) or through an import (many records at once)."""

import io

import pytest
from django.urls import reverse

from tests.core.orgfiles import GOOD_ROWS, run_command, write_orgs
from tests.factories import fake_id_number, make_household
from xiangzhi.care.models import Household
from xiangzhi.core.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _history_html(client, obj) -> str:
    url = reverse("record-history", kwargs={"label": obj._meta.label_lower, "pk": obj.pk})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _diff_row(label: str, old: str, new: str) -> str:
    return f"<tr><td>{label}</td><td><del>{old}</del></td><td><ins>{new}</ins></td></tr>"


def _form_data(form) -> dict:
    """What the browser would post back for an unchanged form."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        data[bound.name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def test_org_edit_by_a_town_admin_shows_who_changed_which_field(client, world):
    world.users["town_admin"].display_name = "王镇长"
    world.users["town_admin"].save()
    client.force_login(world.users["town_admin"])
    village = world.village
    response = client.post(
        reverse("org-edit", kwargs={"pk": village.pk}), {"code": village.code, "name": "桥湾新村"}
    )
    assert response.status_code == 302
    html = _history_html(client, village)
    assert "王镇长" in html
    assert _diff_row("名称", "桥湾村", "桥湾新村") in html
    assert "<strong>修改</strong>" in html


def test_household_edit_through_the_generic_ledger_view_shows_before_and_after(client, world):
    household = make_household(world.grid)
    client.force_login(world.users["village_cadre"])
    edit_url = reverse("ledger-edit", kwargs={"ledger": "households", "pk": household.pk})
    data = _form_data(client.get(edit_url).context["form"])
    data.update(helper="帮扶人乙", size="4")
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    html = _history_html(client, household)
    assert "village_cadre" in html
    assert _diff_row("帮扶责任人", "帮扶人甲", "帮扶人乙") in html
    assert _diff_row("家庭人口", "3", "4") in html


def test_household_history_never_shows_the_full_id_number(client, world):
    household = make_household(world.grid)
    client.force_login(world.users["town_admin"])
    html = _history_html(client, household)
    assert household.head_id_number not in html
    assert household.head_id_number[-4:] in html


def _households_csv(rows: list[list]) -> io.BytesIO:
    lines = ["户编号,所属村,户主姓名,户主身份证号,家庭人口,类别,帮扶责任人,纳入日期"]
    lines += [",".join(str(cell) for cell in row) for row in rows]
    upload = io.BytesIO(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    upload.name = "households.csv"
    return upload


def _import_in_the_browser(client, upload) -> None:
    """Upload, let the check pass, confirm: the two steps a user takes (jobs run eagerly in tests)."""
    response = client.post(reverse("ledger-import", kwargs={"ledger": "households"}), {"file": upload})
    assert response.status_code == 302
    checked = response.url.rstrip("/").split("/")[-1]
    response = client.post(reverse("import-confirm", kwargs={"job": checked}))
    assert response.status_code == 302


def test_an_import_in_the_browser_shows_in_history_with_the_importing_user(client, world):
    world.users["town_admin"].display_name = "王镇长"
    world.users["town_admin"].save()
    existing = make_household(world.grid)
    client.force_login(world.users["town_admin"])
    rows = [
        [
            existing.household_no,
            "桥湾村",
            existing.head_name,
            existing.head_id_number,
            3,
            "低保户",
            "帮扶人丙",
            "2023-01-05",
        ],
        ["H-NEW-1", "桥湾村", "新户主", fake_id_number(), 2, "独居老人", "帮扶人丁", "2023-02-01"],
    ]
    _import_in_the_browser(client, _households_csv(rows))
    updated = _history_html(client, existing)
    assert "王镇长" in updated
    assert "导入 households.csv" in updated
    assert _diff_row("帮扶责任人", "帮扶人甲", "帮扶人丙") in updated
    created = Household.objects.get(household_no="H-NEW-1")
    html = _history_html(client, created)
    assert "王镇长" in html
    assert "<strong>创建</strong>" in html
    assert _diff_row("户主姓名", "—", "新户主") in html


def test_an_org_import_shows_in_history_with_its_file(client, world, tmp_path):
    path = write_orgs(tmp_path / "rename.xlsx", [[world.village2.code, "改名村", "村", world.town.code]])
    assert run_command("import", "orgs", str(path))[0] == 0
    client.force_login(world.users["town_admin"])
    html = _history_html(client, OrgUnit.objects.get(pk=world.village2.pk))
    assert "导入 rename.xlsx" in html
    assert _diff_row("名称", "村1", "改名村") in html


def test_units_created_by_an_org_import_have_a_creation_entry(client, tmp_path, django_user_model):
    assert run_command("import", "orgs", str(write_orgs(tmp_path / "orgs.xlsx", GOOD_ROWS)))[0] == 0
    admin = django_user_model.objects.create_superuser("root", password="x" * 16)
    client.force_login(admin)
    html = _history_html(client, OrgUnit.objects.get(code="410811101210"))
    assert "<strong>创建</strong>" in html
    assert _diff_row("名称", "—", "桥湾村") in html
    assert "导入 orgs.xlsx" in html


def test_history_of_a_record_outside_the_subtree_is_not_found(client, world):
    household = make_household(world.other_grid)
    client.force_login(world.users["town_admin"])
    url = reverse("record-history", kwargs={"label": "care.household", "pk": household.pk})
    assert client.get(url).status_code == 404


def test_history_of_a_model_without_history_page_is_not_found(client, world):
    client.force_login(world.users["town_admin"])
    url = reverse("record-history", kwargs={"label": "core.auditevent", "pk": 1})
    assert client.get(url).status_code == 404
