"""基础设施 pages beyond the generic ledger pages: the module home, the villages × types matrix,
the 开工 / 完工 moves of a project, and the project types (shared, and each town's own)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from xiangzhi.core.current import current_org, current_town
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.access import record_or_404
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error
from xiangzhi.core.views.steps import dated_step_page
from xiangzhi.projects.forms import CompleteForm, ProjectTypeForm, StartForm
from xiangzhi.projects.project_types import may_manage_type, types_for
from xiangzhi.projects.selectors import projects_under, summary_by_type, village_project_matrix
from xiangzhi.projects.services import (
    project_complete,
    project_start,
    project_type_create,
    project_type_update,
)


@login_required
def projects_home(request):
    org = current_org(request)
    context = {
        "ledger": get_ledger("projects"),
        "summary": summary_by_type(projects_under(request.user, org), org),
        "org": org,
        "can_manage_types": request.user.can(Capability.MANAGE_ORG, org),
    }
    return render(request, "projects/home.html", context)


@login_required
def village_matrix(request):
    org = current_org(request)
    context = {"matrix": village_project_matrix(request.user, org), "org": org}
    return render(request, "projects/village_matrix.html", context)


def _move_page(request, pk: int, form_class, service, *, date_field: str, title: str, done: str):
    ledger = get_ledger("projects")
    project = record_or_404(ledger, request, pk)
    require(request.user, Capability.EDIT, project.org)

    def run(data: dict) -> str:
        service(project=project, acting_user=request.user, **data)
        return done

    return dated_step_page(
        request,
        project,
        form_class=form_class,
        run=run,
        title=f"{title} {project}",
        detail_url=ledger.url("detail", pk=project.pk),
        date_field=date_field,
    )


@login_required
def project_start_view(request, pk: int):
    return _move_page(
        request, pk, StartForm, project_start, date_field="started_on", title="开工", done="已开工"
    )


@login_required
def project_complete_view(request, pk: int):
    return _move_page(
        request, pk, CompleteForm, project_complete, date_field="completed_on", title="完工", done="已完工"
    )


def _require_type_admin(request) -> None:
    # The page lists the types of the unit looked at; each type is kept by its own town's
    # administrators (shared ones by the system administrator), checked again by the services.
    require(request.user, Capability.MANAGE_ORG, current_org(request))


@login_required
def project_types(request):
    _require_type_admin(request)
    town = current_town(request)
    form = ProjectTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = project_type_create(town=town, acting_user=request.user, **form.edited())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已新增项目类型：{created}")
            return redirect("projects-types")
    types = [(t, may_manage_type(request.user, t.town)) for t in types_for(town).select_related("town")]
    context = {"types": types, "form": form, "town": town}
    return render(request, "projects/types.html", context)


@login_required
def project_type_edit(request, pk: int):
    _require_type_admin(request)
    project_type = get_object_or_404(types_for(current_town(request)), pk=pk)
    if not may_manage_type(request.user, project_type.town):
        raise PermissionDenied
    form = ProjectTypeForm(request.POST or None, instance=project_type)
    if request.method == "POST" and form.is_valid():
        try:
            project_type_update(
                project_type=project_type, acting_user=request.user, shown=form.shown(), **form.edited()
            )
        except (StaleRecordError, ValidationError) as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("projects-types")
    context = {
        "form": form,
        "title": f"修改项目类型：{project_type.name}",
        "cancel_url": reverse("projects-types"),
    }
    return render(request, "core/form_page.html", context)
