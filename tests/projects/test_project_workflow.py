"""The project cycle 计划 → 在建 → 已完工 through its named services and its pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.projects.factories import make_project
from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.projects.models import ProjectStatus
from xiangzhi.projects.services import project_complete, project_start

pytestmark = pytest.mark.django_db

MARCH, SEPTEMBER = dt.date(2023, 3, 1), dt.date(2023, 9, 30)


@pytest.fixture
def cadre(world):
    return world.users["village_cadre"]


@pytest.fixture
def building(world, cadre):
    project = make_project(world.grid)
    return project_start(project=project, acting_user=cadre, expected_version=1, started_on=MARCH)


def test_starting_a_planned_project_records_the_date(world, cadre):
    project = make_project(world.grid)

    project_start(project=project, acting_user=cadre, expected_version=1, started_on=MARCH)

    project.refresh_from_db()
    assert (project.status, project.started_on, project.version) == (ProjectStatus.IN_PROGRESS, MARCH, 2)
    assert project.history.first().history_change_reason == "开工"
    assert AuditEvent.objects.get(kind="project.started").detail == {"started_on": "2023-03-01"}


def test_completing_records_date_length_and_investment(building, cadre):
    project_complete(
        project=building,
        acting_user=cadre,
        expected_version=2,
        completed_on=SEPTEMBER,
        length_m=Decimal("1200"),
        investment_wan=Decimal("85.5"),
    )

    building.refresh_from_db()
    assert (building.status, building.completed_on) == (ProjectStatus.COMPLETED, SEPTEMBER)
    assert (building.length_m, building.investment_wan) == (Decimal("1200"), Decimal("85.5"))
    assert AuditEvent.objects.filter(kind="project.completed", object_id=str(building.pk)).exists()


def test_completing_keeps_length_and_investment_when_not_given(world, cadre):
    project = make_project(world.grid, length_m=Decimal("500"), investment_wan=Decimal("20"))
    project_start(project=project, acting_user=cadre, expected_version=1, started_on=MARCH)

    project_complete(project=project, acting_user=cadre, expected_version=2, completed_on=SEPTEMBER)

    project.refresh_from_db()
    assert (project.length_m, project.investment_wan) == (Decimal("500"), Decimal("20"))


def test_completing_without_a_date_is_refused(building, cadre):
    with pytest.raises(ValidationError, match="已完工的项目需填写完工日期"):
        project_complete(project=building, acting_user=cadre, expected_version=2, completed_on=None)

    building.refresh_from_db()
    assert building.status == ProjectStatus.IN_PROGRESS


def test_completing_before_the_start_is_refused(building, cadre):
    with pytest.raises(ValidationError, match="完工日期不能早于开工日期"):
        project_complete(
            project=building, acting_user=cadre, expected_version=2, completed_on=dt.date(2023, 2, 1)
        )


def test_a_negative_final_length_is_refused(building, cadre):
    with pytest.raises(ValidationError, match="不能为负数"):
        project_complete(
            project=building,
            acting_user=cadre,
            expected_version=2,
            completed_on=SEPTEMBER,
            length_m=Decimal("-1"),
        )


def test_starting_without_a_date_is_refused(world, cadre):
    project = make_project(world.grid)

    with pytest.raises(ValidationError, match="请填写开工日期"):
        project_start(project=project, acting_user=cadre, expected_version=1, started_on=None)


def test_a_planned_project_cannot_be_completed(world, cadre):
    project = make_project(world.grid)

    with pytest.raises(ValidationError, match="项目当前为「计划」，不能改为「已完工」"):
        project_complete(project=project, acting_user=cadre, expected_version=1, completed_on=SEPTEMBER)


@pytest.mark.parametrize("status", [ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED])
def test_only_a_planned_project_can_be_started(world, cadre, status):
    project = make_project(world.grid, status=status, started_on=MARCH, completed_on=SEPTEMBER)

    with pytest.raises(ValidationError, match=f"项目当前为「{status}」"):
        project_start(project=project, acting_user=cadre, expected_version=1, started_on=MARCH)


def test_a_completed_project_cannot_be_completed_again(world, cadre):
    project = make_project(
        world.grid, status=ProjectStatus.COMPLETED, started_on=MARCH, completed_on=SEPTEMBER
    )

    with pytest.raises(ValidationError, match="项目当前为「已完工」"):
        project_complete(project=project, acting_user=cadre, expected_version=1, completed_on=SEPTEMBER)


def test_a_stale_version_is_refused(building, cadre):
    with pytest.raises(StaleRecordError):
        project_complete(project=building, acting_user=cadre, expected_version=1, completed_on=SEPTEMBER)


def test_a_cadre_cannot_move_another_villages_project(world):
    project = make_project(world.grid2)

    with pytest.raises(PermissionDenied):
        project_start(
            project=project, acting_user=world.users["village_cadre"], expected_version=1, started_on=MARCH
        )

    project.refresh_from_db()
    assert project.status == ProjectStatus.PLANNED


def test_start_and_complete_from_the_pages(world, client_for):
    project = make_project(world.grid)
    client = client_for("village_cadre")

    started = client.post(
        reverse("projects-project-start", args=[project.pk]), {"started_on": "2023-03-01", "version": 1}
    )
    completed = client.post(
        reverse("projects-project-complete", args=[project.pk]),
        {"completed_on": "2023-09-30", "length_m": "1200", "investment_wan": "", "version": 2},
    )

    assert started.status_code == completed.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.length_m) == (ProjectStatus.COMPLETED, Decimal("1200"))


def test_the_complete_page_shows_the_reason_of_a_refusal(world, client_for):
    project = make_project(world.grid)

    response = client_for("village_cadre").post(
        reverse("projects-project-complete", args=[project.pk]), {"completed_on": "2023-09-30", "version": 1}
    )

    assert response.status_code == 200
    assert "项目当前为「计划」，不能改为「已完工」" in response.content.decode()


def test_the_detail_page_offers_the_next_move_only(world, client_for):
    client = client_for("village_cadre")
    planned = make_project(world.grid)
    building = make_project(world.grid, status=ProjectStatus.IN_PROGRESS, started_on=MARCH)

    planned_page = client.get(reverse("ledger-detail", args=["projects", planned.pk])).content.decode()
    building_page = client.get(reverse("ledger-detail", args=["projects", building.pk])).content.decode()

    assert reverse("projects-project-start", args=[planned.pk]) in planned_page
    assert reverse("projects-project-complete", args=[planned.pk]) not in planned_page
    assert reverse("projects-project-complete", args=[building.pk]) in building_page


def test_the_add_form_does_not_prefill_the_dates_of_a_planned_project(world, client_for):
    response = client_for("town_admin").get(reverse("ledger-create", args=["projects"]))

    form = response.context["form"]
    assert "started_on" not in form.initial and "completed_on" not in form.initial


def test_the_edit_form_refuses_a_completion_before_the_start(world, client_for):
    project = make_project(world.grid, status=ProjectStatus.IN_PROGRESS, started_on=MARCH)
    form = {
        "project_no": project.project_no,
        "org": project.org_id,
        "name": project.name,
        "kind": "污水管网",
        "started_on": "2023-03-01",
        "completed_on": "2023-02-01",
        "version": 1,
    }

    response = client_for("village_cadre").post(reverse("ledger-edit", args=["projects", project.pk]), form)

    assert response.status_code == 200
    assert "完工日期不能早于开工日期" in response.content.decode()


def test_the_move_pages_prefill_today_in_a_form_the_date_picker_reads(world, client_for):
    project = make_project(world.grid)

    page = (
        client_for("village_cadre").get(reverse("projects-project-start", args=[project.pk])).content.decode()
    )

    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
