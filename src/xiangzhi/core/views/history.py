"""History of any record and the restore list for deleted ones, for every historised model."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org
from xiangzhi.core.history import history_entries
from xiangzhi.core.models import LedgerModel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.core.services.dependants import deleted_with_a_parent
from xiangzhi.core.services.records import record_restore
from xiangzhi.core.views.helpers import paginate


def _model_or_404(label: str):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if model is not OrgUnit and not issubclass(model, LedgerModel):
        raise Http404
    return model


def _manager(model):
    return getattr(model, "all_objects", model.objects)


@login_required
def record_history(request, label: str, pk: int):
    model = _model_or_404(label)
    obj = get_visible_or_404(_manager(model).all(), request.user, pk=pk)
    entries = history_entries(obj)
    return render(
        request,
        "core/history.html",
        {"obj": obj, "entries": entries, "model_name": model._meta.verbose_name},
    )


def ledger_models() -> list:
    return [m for m in apps.get_models() if issubclass(m, LedgerModel)]


@login_required
def trash(request):
    """Deleted records in the admin's subtree, newest first, per model."""
    org = current_org(request)
    require(request.user, Capability.RESTORE, org)
    sections = []
    for model in ledger_models():
        deleted = model.all_objects.visible_to(request.user).filter(deleted_at__isnull=False)
        if org is not None:
            deleted = deleted.filter(**{f"{model.scope_field}__path__startswith": org.path})
        # A household's visits deleted with it come back with it: the household stands for them.
        deleted = deleted.exclude(deleted_with_a_parent(model))
        rows = list(deleted.order_by("-deleted_at")[:50])
        if rows:
            sections.append((model._meta.verbose_name, model._meta.label_lower, rows))
    units = OrgUnit.objects.visible_to(request.user).filter(deleted_at__isnull=False).order_by("-deleted_at")
    if org is not None:
        units = units.filter(path__startswith=org.path)
    return render(request, "core/trash.html", {"sections": sections, "units": paginate(request, units)})


@login_required
@require_POST
def restore(request, label: str, pk: int):
    model = _model_or_404(label)
    if model is OrgUnit:
        raise Http404
    obj = get_visible_or_404(model.all_objects.filter(deleted_at__isnull=False), request.user, pk=pk)
    try:
        record_restore(obj, acting_user=request.user)
    except ValidationError as refused:
        messages.error(request, f"未能恢复「{obj}」：{'；'.join(refused.messages)}")
    else:
        messages.success(request, f"已恢复：{obj}")
    return redirect("trash")
