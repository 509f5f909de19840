"""History of any record and the restore list for deleted ones, for every historised model."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org
from xiangzhi.core.history import history_entries
from xiangzhi.core.ledgers.declaration import ledger_name_of
from xiangzhi.core.models import LedgerModel, OrgUnit
from xiangzhi.core.roles import Capability, ledgers_overriding
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.core.services.dependants import deleted_with_a_parent
from xiangzhi.core.services.records import record_restore
from xiangzhi.core.trash import trash_kind, trash_kinds
from xiangzhi.core.views.helpers import paginate


def _model_or_404(label: str):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if model is not OrgUnit and not issubclass(model, LedgerModel) and trash_kind(label) is None:
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


# Where the trash may open: RESTORE as most ledgers have it (None), or as a ledger's exception has it.
_RESTORABLE_LEDGERS = (None, *ledgers_overriding(Capability.RESTORE))

# The trash's tab for deleted org units, next to one tab per ledger (labels are "app.model").
UNITS = "units"


@login_required
def trash(request):
    """Deleted records in the admin's subtree: how many per ledger, and those of one ledger (or
    the deleted org units) a page at a time, newest first, so that every one can be restored."""
    org = current_org(request)
    if not any(request.user.can(Capability.RESTORE, org, ledger=name) for name in _RESTORABLE_LEDGERS):
        require(request.user, Capability.RESTORE, org)  # refused, as the other pages refuse
    bins = _deleted_by_bin(request.user, org)
    tabs = [(label, name, count) for label, (name, deleted) in bins.items() if (count := deleted.count())]
    chosen = request.GET.get("ledger")
    if chosen not in {label for label, _, _ in tabs}:
        chosen = tabs[0][0] if tabs else None
    page = paginate(request, bins[chosen][1]) if chosen else None
    kind = trash_kind(chosen) if chosen else None
    scope = kind.unit_of if kind else _unit_of if chosen and chosen != UNITS else None
    rows = [(row, scope(row) if scope else None) for row in page] if page else []
    context = {"tabs": tabs, "chosen": chosen, "page_obj": page, "rows": rows, "units": chosen == UNITS}
    return render(request, "core/trash.html", context)


def _deleted_by_bin(user, org) -> dict:
    """{tab label: (name, the deleted records it lists)} for every ledger and the org units."""
    bins = {}
    for model in ledger_models():
        # Only what the user may restore (评星结果 is the county's, the rest the town's).
        restorable = model.all_objects.restrict(user, Capability.RESTORE, ledger_name_of(model))
        deleted = restorable.filter(deleted_at__isnull=False)
        if org is not None:
            deleted = deleted.filter(**{f"{model.scope_field}__path__startswith": org.path})
        # A household's visits deleted with it come back with it: the household stands for them.
        deleted = deleted.exclude(deleted_with_a_parent(model)).select_related(model.scope_field)
        bins[model._meta.label_lower] = (model._meta.verbose_name, deleted.order_by("-deleted_at", "-pk"))
    for kind in trash_kinds():
        name = kind.model._meta.verbose_name
        bins[kind.label] = (name, kind.deleted(user, org).order_by("-deleted_at", "-pk"))
    units = OrgUnit.objects.restrict(user, Capability.RESTORE).filter(deleted_at__isnull=False)
    if org is not None:
        units = units.filter(path__startswith=org.path)
    bins[UNITS] = ("单位", units.order_by("-deleted_at", "-pk"))
    return bins


def _unit_of(record) -> OrgUnit:
    """The org unit a record belongs to (its ``scope_field``, which may pass through a parent)."""
    unit = record
    for name in type(record).scope_field.split("__"):
        unit = getattr(unit, name)
    return unit


@login_required
@require_POST
def restore(request, label: str, pk: int):
    model = _model_or_404(label)
    if model is OrgUnit:
        raise Http404
    kind = trash_kind(label)
    if kind is not None:
        obj = kind.deleted(request.user, None).filter(pk=pk).first()
        if obj is None:
            raise Http404
    else:
        obj = get_visible_or_404(model.all_objects.filter(deleted_at__isnull=False), request.user, pk=pk)
    try:
        if kind is not None:
            kind.restore(obj, request.user)
        else:
            record_restore(obj, acting_user=request.user)
    except ValidationError as refused:
        messages.error(request, f"未能恢复「{obj}」：{'；'.join(refused.messages)}")
    else:
        messages.success(request, f"已恢复：{obj}")
    page = request.GET.get("page", "")
    back = f"&page={page}" if page.isdecimal() else ""
    return redirect(f"{reverse('trash')}?ledger={model._meta.label_lower}{back}")
