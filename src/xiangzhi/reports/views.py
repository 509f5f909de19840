"""The report pages: choose a unit and period, read the report, download it, open its records."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from xiangzhi.core.current import URL_PARAMETER, current_org
from xiangzhi.core.ledgers.access import ledger_or_404
from xiangzhi.core.models import OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.reports.docx_template import TemplateUnreadable
from xiangzhi.reports.forms import period_from
from xiangzhi.reports.narrative import build_narrative
from xiangzhi.reports.render import render_report
from xiangzhi.reports.scope import REPORT_LEVELS, ReportScope
from xiangzhi.reports.selectors import build_report

YEARS_OFFERED = 5
MAX_UNITS_LISTED = 200


def _units(user):
    """Towns and counties the user may write the report of (seeing them is not enough)."""
    units = OrgUnit.objects.restrict(user, Capability.REPORT).active().filter(level__in=REPORT_LEVELS)
    return list(units[:MAX_UNITS_LISTED])


def _unit_or_404(request, code: str) -> OrgUnit:
    """A town or county in the user's subtree (else 404, like a missing one) they may report on."""
    unit = (
        OrgUnit.objects.visible_to(request.user).active().filter(code=code, level__in=REPORT_LEVELS).first()
    )
    if unit is None:
        raise Http404
    require(request.user, Capability.REPORT, unit)
    return unit


@login_required
def report_index(request):
    units = _units(request.user)
    if not units:
        raise PermissionDenied
    here = current_org(request)
    chosen = next((u for u in reversed(units) if here is not None and here.path.startswith(u.path)), units[0])
    return render(request, "reports/index.html", {"units": units, "chosen": chosen, "years": _years()})


@login_required
def report_page(request, code: str):
    unit = _unit_or_404(request, code)
    period, form = period_from(request.GET)
    context = {"report_unit": unit, "form": form, "period": period, "years": _years(period)}
    if period is None:
        return render(request, "reports/report.html", context, status=400)
    report = build_report(ReportScope(unit, period, request.user))
    query = urlencode(period.query())
    context.update(
        narrative=build_narrative(report, period),
        docx_url=f"{reverse('reports-docx', args=[unit.code])}?{query}",
        json_url=f"{reverse('reports-json', args=[unit.code])}?{query}",
    )
    return render(request, "reports/report.html", context)


def _download(request, code: str, fmt: str) -> HttpResponse:
    unit = _unit_or_404(request, code)
    period, form = period_from(request.GET)
    if period is None:
        return HttpResponse("；".join(form.messages()), status=400, content_type="text/plain; charset=utf-8")
    rendered = render_report(ReportScope(unit, period, request.user), fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(True, rendered.filename)
    return response


@login_required
def report_docx(request, code: str):
    try:
        return _download(request, code, "docx")
    except TemplateUnreadable as error:  # the administrator's Word template is broken: say so
        return HttpResponse(error.public_message, status=500, content_type="text/plain; charset=utf-8")


@login_required
def report_json(request, code: str):
    return _download(request, code, "json")


@login_required
def report_records(request, code: str, ledger: str):
    """A figure's link: the ledger's list inside the report's unit, with the figure's filters.

    The list is opened at the report's unit named in its URL (``?at=``), not by switching the
    session's unit: a GET changes nothing, and a county reviewer clicking a figure of one town's
    report sees that town's records only while their other pages stay where they were.
    """
    unit = (
        OrgUnit.objects.visible_to(request.user).active().filter(code=code, level__in=REPORT_LEVELS).first()
    )
    if unit is None:
        raise Http404
    declared = ledger_or_404(ledger)
    query = request.GET.copy()
    query[URL_PARAMETER] = unit.code
    return redirect(f"{declared.url('list')}?{query.urlencode()}")


def _years(period=None) -> list[int]:
    """The recent years offered in the menu, and the year being read if it is an older one."""
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - YEARS_OFFERED, -1))
    if period is not None and period.is_calendar_year and period.year not in years:
        years.append(period.year)
    return sorted(years, reverse=True)
