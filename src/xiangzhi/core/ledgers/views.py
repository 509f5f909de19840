"""Generic pages of every ledger: list, detail, add, edit, delete, export and template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org, current_town
from xiangzhi.core.ledgers.access import ledger_or_404, record_or_404, scoped_records
from xiangzhi.core.ledgers.display import detail_rows, list_table
from xiangzhi.core.ledgers.exporter import Reader, export_records, template_bytes
from xiangzhi.core.ledgers.forms import form_for
from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.ledgers.reveal import reveal_links
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import StaleRecordError, record_create, record_delete, record_update
from xiangzhi.core.views.helpers import add_validation_error, paginate, tell_masked

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def ledger_list(request, ledger: str):
    ledger = ledger_or_404(ledger)
    records = scoped_records(ledger, request)
    filterset = ledger.filterset_class(request.GET or None, queryset=records, request=request)
    page = paginate(request, filterset.qs)
    context = {
        "ledger": ledger,
        "filter": filterset,
        "page_obj": page,
        "table": list_table(ledger, page.object_list, _orgs(request)),
        "can_edit": request.user.can(Capability.EDIT, current_org(request), ledger=ledger.name),
        # An import writes into one town (the upload page asks for one above town level).
        "can_import": current_town(request) is not None
        and request.user.can(Capability.IMPORT, current_org(request), ledger=ledger.name),
    }
    return render(request, ledger.list_template, context)


@login_required
def ledger_detail(request, ledger: str, pk: int):
    ledger = ledger_or_404(ledger)
    record = record_or_404(ledger, request, pk)
    context = {
        "ledger": ledger,
        "record": record,
        "rows": detail_rows(ledger, record, OrgDirectory(record.org)),
        "can_edit": request.user.can(Capability.EDIT, record.org, ledger=ledger.name),
        "reveal_links": reveal_links(ledger, record, request.user),
        **ledger.detail_context(record, request),
    }
    return render(request, ledger.detail_template, context)


@login_required
def ledger_create(request, ledger: str):
    ledger = ledger_or_404(ledger)
    require(request.user, Capability.EDIT, current_org(request), ledger.name)
    form = form_for(ledger)(
        request.POST or None, request.FILES or None, user=request.user, initial=ledger.initial(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = record_create(form.save(commit=False), acting_user=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已添加：{record}")
            tell_masked(request, record)
            return redirect(ledger.url("detail", pk=record.pk))
    return render(
        request, "core/ledger_form.html", {"ledger": ledger, "form": form, "title": f"新增{ledger}"}
    )


@login_required
def ledger_edit(request, ledger: str, pk: int):
    ledger = ledger_or_404(ledger)
    record = record_or_404(ledger, request, pk)
    require(request.user, Capability.EDIT, record.org, ledger.name)
    form = form_for(ledger)(request.POST or None, request.FILES or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            expected = form.cleaned_data.get("version") or 0
            record_update(form.save(commit=False), acting_user=request.user, expected_version=expected)
        except StaleRecordError as stale:
            form.add_error(None, stale.message)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已保存")
            tell_masked(request, form.instance)
            return redirect(ledger.url("detail", pk=record.pk))
    return render(
        request, "core/ledger_form.html", {"ledger": ledger, "form": form, "title": f"修改：{record}"}
    )


@login_required
@require_POST
def ledger_delete(request, ledger: str, pk: int):
    ledger = ledger_or_404(ledger)
    record = record_or_404(ledger, request, pk)
    require(request.user, Capability.EDIT, record.org, ledger.name)
    if not ledger.deletable:
        messages.error(request, ledger.deletion_refused)
        return redirect(ledger.url("detail", pk=record.pk))
    try:
        record_delete(record, acting_user=request.user)
    except ValidationError as refused:  # a record its ledger's rules keep (评星结果 of a platform year)
        messages.error(request, "；".join(refused.messages))
        return redirect(ledger.url("detail", pk=record.pk))
    messages.success(request, f"已删除：{record}（管理员可在回收站恢复）")
    return redirect(ledger.url("list"))


@login_required
def ledger_export(request, ledger: str):
    ledger = ledger_or_404(ledger)
    filterset = ledger.filterset_class(
        request.GET or None, queryset=scoped_records(ledger, request), request=request
    )
    org = current_org(request)
    response = HttpResponse(content_type=XLSX)
    export_records(ledger, filterset.qs, response, root=org, reader=Reader.user_over(request.user, org))
    _attachment(response, f"{ledger.sheet.title}.xlsx")
    return response


@login_required
def ledger_template(request, ledger: str):
    ledger = ledger_or_404(ledger)
    response = HttpResponse(template_bytes(ledger), content_type=XLSX)
    _attachment(response, f"{ledger.sheet.title}模板.xlsx")
    return response


def _orgs(request) -> OrgDirectory | None:
    org = current_org(request)
    return OrgDirectory(org) if org is not None else None


def _attachment(response, filename: str) -> None:
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
