"""The standard editor: list, read, upload, copy to a new year, and small edits with history."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xiangzhi.core.services.access import get_visible_or_404
from xiangzhi.core.views.helpers import add_validation_error
from xiangzhi.stars.access import may_manage_standard, require_standard_manager
from xiangzhi.stars.forms import (
    DefinitionForm,
    StandardCopyForm,
    StandardEditForm,
    StandardUploadForm,
    TaskForm,
    VetoRuleForm,
    standard_units,
)
from xiangzhi.stars.metrics import get_metric
from xiangzhi.stars.models import StarDefinition, StarStandard, StarTask, VetoRule
from xiangzhi.stars.services.standard_file import StandardFileError, document_of
from xiangzhi.stars.services.standards import (
    is_frozen,
    standard_copy,
    standard_item_delete,
    standard_item_save,
    standard_load,
)
from xiangzhi.stars.views.helpers import SERVICE_ERRORS, message_of


def _standard_or_404(request, pk: int) -> StarStandard:
    return get_visible_or_404(StarStandard.objects.select_related("org"), request.user, pk=pk)


def _part_or_404(request, model, pk: int, path: str):
    """A star, task or veto item of a standard the user may see (404 otherwise)."""
    visible = StarStandard.objects.visible_to(request.user)
    part = model.objects.filter(pk=pk, **{f"{path}__in": visible}).first()
    if part is None:
        raise Http404
    return part


@login_required
def standard_list(request):
    standards = StarStandard.objects.visible_to(request.user).select_related("org")
    rows = [(s, may_manage_standard(request.user, s.org)) for s in standards[:200]]
    return render(request, "stars/standard_list.html", {"rows": rows, "can_upload": _may_add(request.user)})


@login_required
def standard_detail(request, pk: int):
    standard = _standard_or_404(request, pk)
    definitions = standard.stars.prefetch_related("tasks", "veto_rules").order_by("order", "pk")
    context = {
        "standard": standard,
        "definitions": definitions,
        "can_manage": may_manage_standard(request.user, standard.org),
        "can_copy": _may_add(request.user),
        "frozen": is_frozen(standard),
        "metric_labels": {m.code: str(m) for m in map(get_metric, _metric_codes(definitions)) if m},
    }
    return render(request, "stars/standard_detail.html", context)


def _metric_codes(definitions) -> set[str]:
    codes = {t.metric for d in definitions for t in d.tasks.all()}
    return codes | {r.metric for d in definitions for r in d.veto_rules.all()}


@login_required
def standard_download(request, pk: int):
    standard = _standard_or_404(request, pk)
    body = json.dumps(document_of(standard), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="star-standard-{standard.year}-{standard.pk}.json"'
    )
    return response


def _may_add(user) -> bool:
    """Whether the user may add a standard (upload or copy): for some unit they manage."""
    return user.is_superuser or bool(standard_units(user))


def _require_some_unit(request) -> None:
    if not _may_add(request.user):
        raise PermissionDenied


@login_required
def standard_upload(request):
    _require_some_unit(request)
    form = StandardUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            standard = standard_load(
                raw=data["file"].read(), org=data["org"], acting_user=request.user, replace=data["replace"]
            )
        except StandardFileError as error:
            for problem in error.problems[:50]:
                form.add_error(None, problem)
        else:
            messages.success(request, f"已导入：{standard}")
            return redirect("stars-standard", pk=standard.pk)
    return _form_page(request, form, "导入创星标准（JSON 文件）", "stars-standards")


@login_required
def standard_copy_view(request, pk: int):
    source = _standard_or_404(request, pk)
    _require_some_unit(request)
    initial = {"year": source.year + 1, "org": source.org_id}
    form = StandardCopyForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            standard = standard_copy(
                source=source,
                org=data["org"],
                year=data["year"],
                acting_user=request.user,
                label=data["label"],
            )
        except SERVICE_ERRORS as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已复制为：{standard}")
            return redirect("stars-standard", pk=standard.pk)
    return _form_page(request, form, f"复制标准：{source}", "stars-standard", pk=source.pk)


def _form_page(request, form, title: str, cancel: str, **kwargs):
    from django.urls import reverse

    context = {"form": form, "title": title, "cancel_url": reverse(cancel, kwargs=kwargs)}
    return render(request, "core/form_page.html", context)


def _edit(request, *, form, standard: StarStandard, title: str, reason: str):
    """Show and save one edited part of a standard through the service (history + audit)."""
    require_standard_manager(request.user, standard.org)
    if request.method == "POST" and form.is_valid():
        try:
            standard_item_save(
                form.save(commit=False),
                standard=standard,
                acting_user=request.user,
                reason=reason,
                shown=form.shown(),
            )
        except SERVICE_ERRORS as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("stars-standard", pk=standard.pk)
    return _form_page(request, form, title, "stars-standard", pk=standard.pk)


@login_required
def standard_edit(request, pk: int):
    standard = _standard_or_404(request, pk)
    form = StandardEditForm(request.POST or None, instance=standard)
    return _edit(request, form=form, standard=standard, title=f"修改标准：{standard}", reason="修改标准信息")


@login_required
def definition_edit(request, pk: int):
    definition = _part_or_404(request, StarDefinition, pk, "standard")
    form = DefinitionForm(request.POST or None, instance=definition)
    title = f"修改{definition.star}"
    return _edit(
        request, form=form, standard=definition.standard, title=title, reason=f"修改{definition.star}"
    )


@login_required
def task_add(request, pk: int):
    definition = _part_or_404(request, StarDefinition, pk, "standard")
    next_seq = max((t.seq for t in definition.tasks.all()), default=0) + 1
    form = TaskForm(request.POST or None, instance=StarTask(star=definition), initial={"seq": next_seq})
    title = f"{definition.star}：新增重点任务"
    return _edit(request, form=form, standard=definition.standard, title=title, reason="新增任务")


@login_required
def task_edit(request, pk: int):
    task = _part_or_404(request, StarTask, pk, "star__standard")
    form = TaskForm(request.POST or None, instance=task)
    title = f"{task.star.star}：修改任务 {task.seq}"
    return _edit(request, form=form, standard=task.star.standard, title=title, reason=f"修改任务 {task.seq}")


@login_required
def veto_rule_add(request, pk: int):
    definition = _part_or_404(request, StarDefinition, pk, "standard")
    form = VetoRuleForm(request.POST or None, instance=VetoRule(star=definition))
    title = f"{definition.star}：新增否决事项"
    return _edit(request, form=form, standard=definition.standard, title=title, reason="新增否决事项")


@login_required
def veto_rule_edit(request, pk: int):
    rule = _part_or_404(request, VetoRule, pk, "star__standard")
    form = VetoRuleForm(request.POST or None, instance=rule)
    title = f"{rule.star.star}：修改否决事项"
    return _edit(request, form=form, standard=rule.star.standard, title=title, reason="修改否决事项")


def _delete(request, part, standard: StarStandard):
    require_standard_manager(request.user, standard.org)
    try:
        standard_item_delete(part, standard=standard, acting_user=request.user)
    except SERVICE_ERRORS as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, "已删除")
    return redirect("stars-standard", pk=standard.pk)


@login_required
@require_POST
def task_delete(request, pk: int):
    task = _part_or_404(request, StarTask, pk, "star__standard")
    return _delete(request, task, task.star.standard)


@login_required
@require_POST
def veto_rule_delete(request, pk: int):
    rule = _part_or_404(request, VetoRule, pk, "star__standard")
    return _delete(request, rule, rule.star.standard)
