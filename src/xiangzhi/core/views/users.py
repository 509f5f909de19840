"""User management for administrators: users whose assignments lie in the admin's subtree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org
from xiangzhi.core.forms import AssignmentForm, PasswordResetForm, UserCreateForm
from xiangzhi.core.models import OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import Capability, grantable_roles, may_grant
from xiangzhi.core.scoping import scope_filter
from xiangzhi.core.services import users as user_services
from xiangzhi.core.services.access import require
from xiangzhi.core.views.helpers import add_validation_error, paginate


def _visible_users(user):
    """Users with at least one assignment inside the viewer's subtree."""
    in_scope = RoleAssignment.objects.filter(scope_filter(user, "org"))
    return User.objects.filter(pk__in=in_scope.values("user_id")).order_by("username")


def _get_manageable_user_or_404(viewer, pk: int) -> User:
    """A user the viewer may see (else 404) and manage (else 403)."""
    user = _visible_users(viewer).filter(pk=pk).first()
    if user is None:
        raise Http404
    if not any(viewer.can(Capability.MANAGE_ORG, a.org) for a in user_services.judged_roles(user)):
        raise PermissionDenied
    return user


def _manageable_orgs(user, org: OrgUnit | None):
    units = OrgUnit.objects.restrict(user, Capability.MANAGE_ORG).active()
    return units.filter(path__startswith=org.path) if org else units


def _grantable(user, org: OrgUnit | None):
    """The roles offered on the forms: those the user may grant where they are looking (four eyes)."""
    return grantable_roles(user, org) if org is not None else None


@login_required
def user_list(request):
    org = current_org(request)
    require(request.user, Capability.MANAGE_ORG, org)
    assignments = RoleAssignment.objects.select_related("org").order_by("org__path")
    users = _visible_users(request.user).prefetch_related(Prefetch("role_assignments", assignments))
    if org is not None:
        users = users.filter(role_assignments__org__path__startswith=org.path).distinct()
    page = paginate(request, users)
    return render(request, "core/user_list.html", {"page_obj": page})


@login_required
def user_create(request):
    org = current_org(request)
    require(request.user, Capability.MANAGE_ORG, org)
    form = UserCreateForm(
        request.POST or None, orgs=_manageable_orgs(request.user, org), roles=_grantable(request.user, org)
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = user_services.user_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已创建用户 {user.username}")
            return redirect("user-detail", pk=user.pk)
    return render(request, "core/form_page.html", {"form": form, "title": "新建用户"})


@login_required
def user_detail(request, pk: int):
    """The user's roles and history, with two forms: add a role, reset the password."""
    shown = _get_manageable_user_or_404(request.user, pk)
    action = request.POST.get("action", "role") if request.method == "POST" else None
    org = current_org(request)
    role_form = AssignmentForm(
        request.POST if action == "role" else None,
        orgs=_manageable_orgs(request.user, org),
        roles=_grantable(request.user, org),
    )
    password_form = PasswordResetForm(request.POST if action == "password" else None)
    if action == "role" and role_form.is_valid() and _add_role(request, shown, role_form):
        return redirect("user-detail", pk=shown.pk)
    if action == "password" and password_form.is_valid() and _reset_password(request, shown, password_form):
        return redirect("user-detail", pk=shown.pk)
    history = shown.history.select_related("history_user").order_by("-history_date")[:50]
    current_first = F("ended_at").asc(nulls_first=True)  # the same order on SQLite and PostgreSQL
    assignments = shown.role_assignments.select_related("org", "ended_by").order_by(
        current_first, "org__path"
    )
    context = {
        "shown": shown,
        # Each role with whether this administrator may end or restore it (four eyes).
        "assignments": [(a, may_grant(request.user, a.role, a.org)) for a in assignments],
        "may_manage": user_services.may_manage(request.user, shown),
        "form": role_form,
        "password_form": password_form,
        "history": history,
    }
    return render(request, "core/user_detail.html", context)


def _add_role(request, shown: User, form) -> bool:
    try:
        user_services.assignment_add(acting_user=request.user, user=shown, **form.cleaned_data)
    except ValidationError as error:
        add_validation_error(form, error)
        return False
    messages.success(request, "已添加角色")
    return True


def _reset_password(request, shown: User, form) -> bool:
    password = form.cleaned_data["password"]
    try:
        user_services.user_reset_password(acting_user=request.user, user=shown, password=password)
    except ValidationError as error:
        add_validation_error(form, error)
        return False
    messages.success(request, f"已为 {shown.username} 设置新密码，并解除了登录锁定")
    return True


@login_required
@require_POST
def assignment_remove(request, pk: int):
    """End a role (it stays on the user's page as ended, and can be restored)."""
    assignment = _assignment_or_404(request.user, pk)
    user_services.assignment_end(acting_user=request.user, assignment=assignment)
    messages.success(request, f"已移除角色：{assignment}")
    return redirect("user-detail", pk=assignment.user_id)


@login_required
@require_POST
def assignment_restore(request, pk: int):
    assignment = _assignment_or_404(request.user, pk)
    try:
        user_services.assignment_restore(acting_user=request.user, assignment=assignment)
    except ValidationError as refused:
        messages.error(request, f"未能恢复角色「{assignment}」：{'；'.join(refused.messages)}")
    else:
        messages.success(request, f"已恢复角色：{assignment}")
    return redirect("user-detail", pk=assignment.user_id)


def _assignment_or_404(user, pk: int) -> RoleAssignment:
    """An assignment (ended ones included) at a unit the user sees, or 404."""
    assignment = RoleAssignment.objects.filter(scope_filter(user, "org"), pk=pk).select_related("org").first()
    if assignment is None:
        raise Http404
    return assignment


@login_required
@require_POST
def user_toggle_active(request, pk: int):
    shown = _get_manageable_user_or_404(request.user, pk)
    user_services.user_set_active(acting_user=request.user, user=shown, active=not shown.is_active)
    messages.success(request, "已启用该用户" if shown.is_active else "已停用该用户")
    return redirect("user-detail", pk=shown.pk)
