"""平安建设 pages beyond the generic ledger pages: the module home and the dispute moves."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.access import record_or_404
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.views.steps import dated_step_page
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

    def run(data: dict) -> str:
        service(dispute=dispute, acting_user=request.user, **data)
        return done

    return dated_step_page(
        request,
        dispute,
        form_class=form_class,
        run=run,
        title=f"{title} {dispute.dispute_no}",
        detail_url=get_ledger("disputes").url("detail", pk=dispute.pk),
        date_field=date_field,
    )


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
