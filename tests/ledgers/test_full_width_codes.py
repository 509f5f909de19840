"""A code typed in full-width mode (ＮＧ－００１, NG－001) is the same code as NG-001, on a form and
in an import, so it never becomes a second record; Chinese text keeps its full-width punctuation."""

import pytest
from django.urls import reverse

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, write_xlsx
from xiangzhi.care.models import Household, Matter
from xiangzhi.core.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_an_import_with_a_full_width_code_updates_the_record_it_names(world, tmp_path):
    first = write_xlsx(tmp_path / "first.xlsx", HOUSEHOLD_HEADERS, [household(户编号="NG-001")])
    assert import_cli("households", first).code == 0
    again = [household(户编号="ＮＧ－００１", 户主姓名="张三丰")]

    result = import_cli("households", write_xlsx(tmp_path / "again.xlsx", HOUSEHOLD_HEADERS, again))

    assert result.code == 0, result.err
    assert list(Household.objects.values_list("household_no", "head_name")) == [("NG-001", "张三丰")]


def test_a_code_typed_full_width_on_a_form_is_stored_as_the_import_reads_it(world, client_for):
    form = {
        "matter_no": "ＳＳ－２０２３－０１",
        "org": world.village.pk,
        "name": "修缮排水沟（一期）",
        "completed_on": "2023-06-30",
    }

    response = client_for("town_admin").post(reverse("ledger-create", args=["matters"]), form)

    assert response.status_code == 302, response.content.decode()
    assert list(Matter.objects.values_list("matter_no", "name")) == [("SS-2023-01", "修缮排水沟（一期）")]


@pytest.mark.parametrize("pasted", ["#N/A", " #n/a ", "＃Ｎ／Ａ"])
def test_an_excel_error_value_pasted_into_a_form_is_refused(world, client_for, pasted):
    # Its export could not be imported back: an import reads #N/A as the error it is.
    form = {"matter_no": "SS-1", "org": world.village.pk, "name": pasted, "completed_on": "2023-06-30"}

    response = client_for("town_admin").post(reverse("ledger-create", args=["matters"]), form)

    assert response.status_code == 200
    assert "是 Excel 的错误值" in response.content.decode()
    assert not Matter.objects.exists()


def test_the_org_unit_form_reads_code_and_name_as_the_orgs_import_does(world, client_for):
    client = client_for("town_admin")
    add = reverse("org-create", args=[world.town.pk])

    refused = client.post(add, {"code": "410811101298", "name": "＃ＲＥＦ！", "level": "village"})
    client.post(add, {"code": "４１０８１１１０１２９８\xa0", "name": "全角村", "level": "village"})

    assert "是 Excel 的错误值" in refused.content.decode()
    assert OrgUnit.objects.get(name="全角村").code == "410811101298"
