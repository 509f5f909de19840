"""平安建设 pages beyond the generic ledger pages: the module home and the dispute moves."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.access import record_or_404
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error
from xiangzhi.security.models import Dispute
from xiangzhi.security.selectors import FIGURES, security_overview
from xiangzhi.security.services import dispute_escalate, dispute_resolve

SECURITY_LEDGERS = ("cameras", "patrols", "disputes")
# An <input type="date"> takes ISO dates only; the zh-hans default would render 2023/03/01.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@login_required
def security_home(request):
    org = current_org(request)
    rows, total = security_overview(request.user, org)
    context = {
        "ledgers": [ledger for ledger in all_ledgers() if ledger.name in SECURITY_LEDGERS],
        "headers": [label for _, label in FIGURES],
        "rows": rows,
        "total": total,
        "org": org,
    }
    return render(request, "security/home.html", context)


class _DatedMoveForm(forms.Form):
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class ResolveForm(_DatedMoveForm):
    resolved_on = forms.DateField(label="化解日期", widget=_DATE)


class EscalateForm(_DatedMoveForm):
    escalated_on = forms.DateField(label="上报日期", widget=_DATE)
    note = forms.CharField(
        label="上报说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


def _dispute_for_edit(request, pk: int) -> Dispute:
    dispute = record_or_404(get_ledger("disputes"), request, pk)
    require(request.user, Capability.EDIT, dispute.org)
    return dispute


def _move_page(request, pk: int, form_class, service, *, date_field: str, title: str, done: str):
    dispute = _dispute_for_edit(request, pk)
    initial = {"version": dispute.version, date_field: timezone.localdate()}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service(dispute=dispute, acting_user=request.user, **form.service_kwargs())
        except StaleRecordError as stale:
            form.add_error(None, stale.message)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect("ledger-detail", ledger="disputes", pk=dispute.pk)
    context = {
        "form": form,
        "title": f"{title} {dispute.dispute_no}",
        "cancel_url": get_ledger("disputes").url("detail", pk=dispute.pk),
    }
    return render(request, "core/form_page.html", context)


@login_required
def dispute_resolve_view(request, pk: int):
    return _move_page(
        request, pk, ResolveForm, dispute_resolve, date_field="resolved_on", title="化解纠纷", done="已化解"
    )


@login_required
def dispute_escalate_view(request, pk: int):
    return _move_page(
        request,
        pk,
        EscalateForm,
        dispute_escalate,
        date_field="escalated_on",
        title="上报纠纷",
        done="已上报",
    )
