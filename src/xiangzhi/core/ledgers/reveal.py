"""The one page that shows a personal-data field in full: any revealable field of any ledger, for a
user with the reveal capability over the record's unit, after they state what it is for (用途).

The field's declaration (``revealable=True`` on the model field) decides what may be revealed;
``pii.access.reveal_field`` logs who, which record, which field and the purpose as ``pii.revealed``.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from xiangzhi.core.ledgers.access import ledger_or_404, record_or_404
from xiangzhi.core.pii.access import PURPOSE_MAX_LENGTH, reveal_field
from xiangzhi.core.pii.declared import is_revealable, revealable_fields
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label="用途",
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="例如：办理医保转介、核实隐患整改责任人。本次查看将连同用途一起记录。",
        error_messages={"required": "请填写查看用途"},
    )


def reveal_links(ledger, record, user) -> list[tuple[str, str]]:
    """(button label, URL) of each revealable field of the record that holds a value, for a user
    who may reveal it; the detail page shows them."""
    if not user.can(Capability.REVEAL_PII, record.org):
        return []
    return [
        (f"查看完整{field.verbose_name}", ledger.url("reveal", pk=record.pk, field=field.name))
        for field in revealable_fields(ledger.model)
        if getattr(record, field.name)
    ]


@login_required
@never_cache
def ledger_reveal(request, ledger: str, pk: int, field: str):
    """GET: the purpose form; POST with a purpose: the full value, logged (DOMAIN §12.2 rule 4)."""
    ledger = ledger_or_404(ledger)
    if not is_revealable(ledger.model, field):
        raise Http404
    record = record_or_404(ledger, request, pk)
    require(request.user, Capability.REVEAL_PII, record.org)
    model_field = record._meta.get_field(field)
    form = PurposeForm(request.POST or None)
    value = None
    if request.method == "POST" and form.is_valid():
        value = reveal_field(user=request.user, obj=record, field=field, purpose=form.cleaned_data["purpose"])
    context = {
        "ledger": ledger,
        "record": record,
        "label": model_field.verbose_name,
        "masked": model_field.mask(getattr(record, field)) or "—",
        "form": form,
        "value": value,
    }
    return render(request, "core/ledger_reveal.html", context)
