"""What a ledger declaration need not write: a column named after a model field takes its kind,
whether it is required, its choices and its length from that field, and is imported and exported
as it is; the add/edit form, the key and the ledger's name follow from the sheet; a form class
gets its ledger from ``form_for`` only."""

import datetime as dt

import openpyxl
import pytest

from tests.factories import make_household
from tests.ledgers.support import write_xlsx
from xiangzhi.care.models import Visit
from xiangzhi.core.ledgers import VillageLedger, get_ledger
from xiangzhi.core.ledgers.exporter import Reader, export_records
from xiangzhi.core.ledgers.forms import form_for
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.economy.forms import IndicatorForm
from xiangzhi.points.forms import PointEntryForm
from xiangzhi.projects.forms import ProjectForm
from xiangzhi.safety.forms import HazardForm, InspectionForm, PremisesForm
from xiangzhi.security.models import Dispute

HEADERS = ["纠纷编号", "所属村", "登记日期", "纠纷类型", "简要情况", "调处状态", "化解日期"]


class PlainDisputes(VillageLedger):
    """A declaration with no resolve, no to_row and no column attributes beyond the headers."""

    model = Dispute
    sheet = Sheet(
        name="plain_disputes",
        title="矛盾纠纷（无映射代码）",
        key=("dispute_no",),
        columns=(
            Column("纠纷编号", "dispute_no"),
            Column("所属村", "village", required=True),
            Column("登记日期", "registered_on"),
            Column("纠纷类型", "kind"),
            Column("简要情况", "summary"),
            Column("调处状态", "status"),
            Column("化解日期", "resolved_on"),
        ),
    )


def _facts(column: Column) -> tuple:
    return (column.kind, column.required, column.choices, column.max_length)


def test_plain_columns_take_kind_required_choices_and_length_from_their_model_field():
    assert {column.field: _facts(column) for column in PlainDisputes.sheet.columns} == {
        "dispute_no": ("text", True, (), 40),
        "village": ("text", True, (), None),  # not a model field: as declared
        "registered_on": ("date", True, (), None),
        "kind": ("text", False, (), 50),
        "summary": ("text", True, (), None),
        "status": ("choice", True, ("调处中", "已化解", "已上报"), None),
        "resolved_on": ("date", False, (), None),
    }


def test_what_a_column_declares_wins_over_its_model_field():
    class Declared(VillageLedger):
        model = Dispute
        sheet = Sheet(
            name="declared_disputes",
            title="矛盾纠纷（声明优先）",
            key=("dispute_no",),
            columns=(
                Column("纠纷编号", "dispute_no", max_length=10),
                Column("简要情况", "summary", required=False),
                Column("调处状态", "status", default="调处中"),
                Column("化解日期", "resolved_on", kind="text"),
            ),
        )

    assert {column.field: _facts(column) for column in Declared.sheet.columns} == {
        "dispute_no": ("text", True, (), 10),
        "summary": ("text", False, (), None),
        # A column with a default for blank cells is never required.
        "status": ("choice", False, ("调处中", "已化解", "已上报"), None),
        "resolved_on": ("text", False, (), None),
    }


def test_a_choice_column_whose_field_has_no_choices_is_refused_when_declared():
    with pytest.raises(ValueError, match="choice column 简要情况 needs choices"):

        class Refused(VillageLedger):
            model = Dispute
            sheet = Sheet(
                name="refused_disputes",
                title="矛盾纠纷（无选项）",
                key=("summary",),
                columns=(Column("简要情况", "summary", kind="choice"),),
            )


def test_a_column_standing_alone_keeps_the_plain_defaults():
    assert _facts(Column("情况记录", "note")) == ("text", False, (), None)


@pytest.mark.django_db
def test_a_ledger_without_resolve_or_to_row_imports_and_exports_its_plain_columns(world, tmp_path):
    rows = [
        {"纠纷编号": "JF-1", "所属村": "桥湾村", "登记日期": "2023-04-03", "简要情况": "宅基地边界争议",
         "调处状态": "调处中"},
        {"纠纷编号": "JF-2", "所属村": "村1", "登记日期": "2023/4/5", "纠纷类型": "邻里纠纷",
         "简要情况": "噪音", "调处状态": "已化解", "化解日期": "2023年4月20日"},
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "disputes.xlsx", HEADERS, rows)

    report = import_file(PlainDisputes(), path, "disputes.xlsx", town=world.town, acting_user=system_user())

    assert (report.errors, report.created) == ([], 2)
    stored = Dispute.objects.order_by("dispute_no").values_list(
        "dispute_no", "org", "registered_on", "kind", "summary", "status", "resolved_on"
    )
    assert list(stored) == [
        ("JF-1", world.village.pk, dt.date(2023, 4, 3), "", "宅基地边界争议", "调处中", None),
        ("JF-2", world.village2.pk, dt.date(2023, 4, 5), "邻里纠纷", "噪音", "已化解", dt.date(2023, 4, 20)),
    ]

    exported = tmp_path / "exported.xlsx"
    with exported.open("wb") as out:
        export_records(PlainDisputes(), Dispute.objects.all(), out, root=world.town, reader=Reader.operator())
    sheet = openpyxl.load_workbook(exported).worksheets[0]
    lines = [list(row) for row in sheet.iter_rows(values_only=True) if any(row)]
    assert lines[-3:] == [
        HEADERS,
        ["JF-1", "桥湾村", dt.datetime(2023, 4, 3), None, "宅基地边界争议", "调处中", None],
        ["JF-2", "村1", dt.datetime(2023, 4, 5), "邻里纠纷", "噪音", "已化解", dt.datetime(2023, 4, 20)],
    ]

    again = import_file(
        PlainDisputes(), exported, "exported.xlsx", town=world.town, acting_user=system_user()
    )
    assert (again.errors, again.created, again.updated, again.unchanged) == ([], 0, 0, 2)


@pytest.mark.parametrize(
    ("ledger", "form_fields"),
    [
        ("households", ("household_no", "org", "head_name", "head_id_number", "phone", "size", "categories",
                        "helper", "enrolled_on", "exited_on", "exit_reason")),
        ("members", ("household", "name", "id_number", "relation", "special")),
        ("problems", ("problem_no", "org", "household", "raised_on", "category", "description", "status",
                      "resolved_on", "result")),
        ("events", ("event_no", "kind", "title", "held_on", "org", "participants", "materials")),
        ("collective_income", ("org", "year", "income_wan", "main_source")),
        ("indicators", ("name", "period", "value", "unit", "org")),
        ("hazards", ("hazard_no", "inspection", "category", "description", "grade", "deadline",
                     "responsible")),
        # Declared: the status moves only through the named services.
        ("disputes", ("dispute_no", "org", "registered_on", "kind", "summary", "resolved_on")),
    ],
)  # fmt: skip
def test_the_form_shows_the_sheet_with_the_unit_and_the_linked_record_in_place_of_their_columns(
    ledger, form_fields
):
    assert get_ledger(ledger).form_fields == form_fields


@pytest.mark.parametrize(
    ("ledger", "key_fields"),
    [
        ("households", ("household_no",)),
        ("courtyards", ("courtyard_no", "year")),
        ("indicators", ("name", "period")),
        ("star_targets", ("year",)),
        # Declared: a key column that is not a model field as it is.
        ("visits", ("household_id", "visited_on", "visitor")),
        ("collective_income", ("org", "year")),
    ],
)
def test_the_key_is_the_sheets_key_unless_declared(ledger, key_fields):
    assert get_ledger(ledger).key_fields == key_fields


def test_a_ledger_is_named_by_its_sheet():
    ledger = get_ledger("patrols")
    assert (ledger.name, ledger.nav_label) == ("patrols", "巡逻队")


@pytest.mark.parametrize(
    ("ledger", "form_class"),
    [
        ("indicators", IndicatorForm),
        ("points", PointEntryForm),
        ("projects", ProjectForm),
        ("premises", PremisesForm),
        ("inspections", InspectionForm),
        ("hazards", HazardForm),
    ],
)
def test_a_form_class_gets_its_ledger_from_form_for_only(ledger, form_class):
    declaration = get_ledger(ledger)

    bound = form_for(declaration)

    assert issubclass(bound, form_class)
    assert bound.ledger is declaration
    assert form_class.ledger is None  # the class itself is never patched


@pytest.mark.django_db
def test_a_record_whose_unit_follows_its_parent_gets_the_parents_unit_on_the_form(world):
    household = make_household(world.grid)
    visit = Visit(household=household, org=world.village2)

    get_ledger("visits").prepare(visit)

    assert visit.org_id == world.grid.pk
