"""Org tree management: list, detail, create, edit, delete and restore units in one's subtree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org
from xiangzhi.core.forms import OrgUnitEditForm, OrgUnitForm
from xiangzhi.core.models import OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services import orgs as org_services
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error, paginate


def _live_children_count():
    """Live (not deleted) children of the outer unit; treebeard's numchild counts deleted ones too."""
    children = OrgUnit.objects.filter(OrgUnit.children_of(OuterRef("path")), deleted_at__isnull=True)
    counted = children.order_by().values("depth").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


@login_required
def org_list(request):
    org = current_org(request)
    units = OrgUnit.objects.visible_to(request.user).active()
    if org is not None:
        units = units.filter(path__startswith=org.path)
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(Q(name__icontains=query) | Q(code__startswith=query))
    top = org.depth if org else 1
    units = units.only("pk", "name", "code", "level", "depth", "path").annotate(
        live_children=_live_children_count(), indent=F("depth") - top
    )
    return render(request, "core/org_list.html", {"page_obj": paginate(request, units), "q": query})


@login_required
def org_detail(request, pk: int):
    unit = get_visible_or_404(OrgUnit.objects.all(), request.user, pk=pk)
    children = OrgUnit.objects.get_children(unit).only("pk", "name", "code", "level", "deleted_at")
    assignments = unit.role_assignments.current().select_related("user").order_by("role", "user__username")
    can_manage = request.user.can(Capability.MANAGE_ORG, unit)
    return render(
        request,
        "core/org_detail.html",
        {"unit": unit, "children": children, "assignments": assignments, "can_manage": can_manage},
    )


@login_required
def org_create(request, pk: int):
    parent = get_visible_or_404(OrgUnit.objects.active(), request.user, pk=pk)
    require(request.user, Capability.MANAGE_ORG, parent)
    form = OrgUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = org_services.org_create(acting_user=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已创建{unit.get_level_display()}：{unit.name}")
            return redirect("org-detail", pk=unit.pk)
    return render(request, "core/form_page.html", {"form": form, "title": f"在{parent.name}下新建单位"})


@login_required
def org_edit(request, pk: int):
    unit = get_visible_or_404(OrgUnit.objects.active(), request.user, pk=pk)
    require(request.user, Capability.MANAGE_ORG, OrgUnit.objects.get_parent(unit) or unit)
    form = OrgUnitEditForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            org_services.org_update(acting_user=request.user, unit=unit, shown=form.shown(), **form.edited())
        except (StaleRecordError, ValidationError) as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("org-detail", pk=unit.pk)
    return render(request, "core/form_page.html", {"form": form, "title": f"修改 {unit.name}"})


@login_required
@require_POST
def org_delete(request, pk: int):
    unit = get_visible_or_404(OrgUnit.objects.active(), request.user, pk=pk)
    try:
        org_services.org_delete(acting_user=request.user, unit=unit)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("org-detail", pk=unit.pk)
    messages.success(request, f"已删除 {unit.name}（管理员可恢复）")
    parent = OrgUnit.objects.get_parent(unit)
    return redirect("org-detail", pk=parent.pk) if parent else redirect("org-list")


@login_required
@require_POST
def org_restore(request, pk: int):
    unit = get_visible_or_404(OrgUnit.objects.all(), request.user, pk=pk)
    try:
        org_services.org_restore(acting_user=request.user, unit=unit)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已恢复 {unit.name}")
    return redirect("org-detail", pk=unit.pk)
