"""Events pages beyond the generic ledger pages: the module home and 讲评会 action items."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.access import record_or_404, scoped_records
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error, latest_or_this_year, refusal_message, year_param
from xiangzhi.events.models import ActionItem
from xiangzhi.events.selectors import (
    counts_by_type,
    event_years,
    open_action_items_under,
    with_close_rights,
)
from xiangzhi.events.services import action_item_add, action_item_done


@login_required
def events_home(request):
    ledger = get_ledger("events")
    events = scoped_records(ledger, request)
    years = event_years(events)
    year = year_param(request, latest_or_this_year(years))
    counts = counts_by_type(events, year)
    org = current_org(request)
    items = open_action_items_under(org, request.user) if org is not None else ActionItem.objects.none()
    context = {
        "ledger": ledger,
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "counts": counts,
        "total": sum(row.count for row in counts),
        "open_items": with_close_rights(items[:100], request.user),
    }
    return render(request, "events/home.html", context)


class ActionItemForm(forms.Form):
    village = forms.ModelChoiceField(label="责任村", queryset=OrgUnit.objects.none())
    description = forms.CharField(label="事项", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label="完成期限", widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.CharField(label="责任人", max_length=50, required=False)

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only villages the user may write to: the service refuses the others anyway.
        villages = OrgUnit.objects.restrict(user, Capability.EDIT).active()
        self.fields["village"].queryset = villages.filter(
            level=OrgLevel.VILLAGE, path__startswith=event.town.path
        )


@login_required
def action_item_add_view(request, pk: int):
    event = record_or_404(get_ledger("events"), request, pk)
    require(request.user, Capability.EDIT, event.org)
    form = ActionItemForm(request.POST or None, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            action_item_add(event=event, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已布置整改事项")
            return redirect("ledger-detail", ledger="events", pk=event.pk)
    context = {
        "form": form,
        "title": f"布置整改事项：{event}",
        "cancel_url": get_ledger("events").url("detail", pk=event.pk),
    }
    return render(request, "core/form_page.html", context)


class DoneForm(forms.Form):
    done_on = forms.DateField(label="完成日期", required=False)
    version = forms.IntegerField()


@login_required
@require_POST
def action_item_done_view(request, pk: int):
    item = get_visible_or_404(ActionItem.objects.select_related("event", "village"), request.user, pk=pk)
    require(request.user, Capability.EDIT, item.org)
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请求无效，请刷新后重试")
    else:
        try:
            action_item_done(
                item=item,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                done_on=form.cleaned_data["done_on"] or timezone.localdate(),
            )
        except (ValidationError, StaleRecordError) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, f"已办结：{item}")
    return redirect(_back(request, item))


def _back(request, item: ActionItem) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return get_ledger("events").url("detail", pk=item.event_id)
