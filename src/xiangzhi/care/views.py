"""Care pages beyond the generic ledger pages: the module home, the monthly visit check, the problem
cycle. (Personal data is revealed by the generic ledger page, ``core.ledgers.reveal``.)"""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from xiangzhi.care.models import Household, Problem
from xiangzhi.care.selectors import coverage_by_helper, coverage_by_village, month_bounds, unvisited_in_month
from xiangzhi.care.services import problem_resolve, problem_start
from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.access import record_or_404
from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import paginate, refusal_message
from xiangzhi.core.views.steps import dated_step_page

CARE_LEDGERS = ("households", "members", "visits", "problems", "matters")


@login_required
def care_home(request):
    ledgers = [ledger for ledger in all_ledgers() if ledger.name in CARE_LEDGERS]
    return render(request, "care/home.html", {"ledgers": ledgers})


def _month(request) -> dt.date:
    raw = request.GET.get("month", "")
    try:
        return dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return timezone.localdate()


@login_required
def monthly_visits(request):
    org = current_org(request)
    month = _month(request)
    households = Household.objects.visible_to(request.user)
    if org is not None:
        households = households.filter(org__path__startswith=org.path)
    missing = unvisited_in_month(households, month).order_by("household_no")
    page = paginate(request, missing)
    first, _ = month_bounds(month)
    context = {
        "month": first,
        "page_obj": page,
        "orgs": OrgDirectory(org) if org else None,
        "by_village": coverage_by_village(households, month, org) if org else [],
        "by_helper": coverage_by_helper(households, month),
        # The add-visit page asks the same of the unit being looked at (ledger_create).
        "can_edit": request.user.can(Capability.EDIT, org),
    }
    return render(request, "care/monthly_visits.html", context)


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label="解决日期", widget=forms.DateInput(attrs={"type": "date"}))
    result = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput)


def _problem_for_edit(request, pk: int) -> Problem:
    problem = record_or_404(get_ledger("problems"), request, pk)
    require(request.user, Capability.EDIT, problem.org)
    return problem


@login_required
@require_POST
def problem_start_view(request, pk: int):
    problem = _problem_for_edit(request, pk)
    try:
        problem_start(
            problem=problem, acting_user=request.user, expected_version=int(request.POST["version"])
        )
    except (ValidationError, StaleRecordError, KeyError, ValueError) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, "已开始办理")
    return redirect("ledger-detail", ledger="problems", pk=problem.pk)


@login_required
def problem_resolve_view(request, pk: int):
    problem = _problem_for_edit(request, pk)

    def run(data: dict) -> str:
        problem_resolve(problem=problem, acting_user=request.user, **data)
        return "已办结"

    return dated_step_page(
        request,
        problem,
        form_class=ResolveForm,
        run=run,
        title=f"办结问题 {problem.problem_no}",
        detail_url=reverse("ledger-detail", args=["problems", problem.pk]),
        date_field="resolved_on",
    )
