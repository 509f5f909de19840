"""Points pages: overview per village, a village's ranking and rules, redemption and reversal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.access import record_or_404
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error
from xiangzhi.points.forms import RedemptionForm, ReverseForm, RuleEditForm, RuleForm
from xiangzhi.points.models import PointRule
from xiangzhi.points.selectors import recent_redemptions, village_balances, village_rules, villages_overview
from xiangzhi.points.services import (
    point_entry_reverse,
    point_rule_create,
    point_rule_update,
    redemption_create,
)


def _village_or_404(request, pk: int) -> OrgUnit:
    villages = OrgUnit.objects.active().filter(level=OrgLevel.VILLAGE)
    return get_visible_or_404(villages, request.user, pk=pk)


def _village_url(village_pk: int) -> str:
    return reverse("points-village", kwargs={"pk": village_pk})


@login_required
def points_home(request):
    org = current_org(request)
    overview = villages_overview(org, request.user) if org is not None else []
    return render(request, "points/home.html", {"overview": overview, "ledger": get_ledger("points")})


@login_required
def points_village(request, pk: int):
    village = _village_or_404(request, pk)
    context = {
        "village": village,
        "people": village_balances(village, request.user),
        "rules": village_rules(village, request.user),
        "redemptions": recent_redemptions(village, request.user),
        "can_edit": request.user.can(Capability.EDIT, village),
    }
    return render(request, "points/village.html", context)


def _form_page(request, form, title: str, cancel_url: str):
    return render(request, "core/form_page.html", {"form": form, "title": title, "cancel_url": cancel_url})


@login_required
def rule_add(request, pk: int):
    village = _village_or_404(request, pk)
    require(request.user, Capability.EDIT, village)
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            point_rule_create(village=village, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已新增积分规则")
            return redirect(_village_url(village.pk))
    return _form_page(request, form, f"{village.name} 新增积分规则", _village_url(village.pk))


@login_required
def rule_edit(request, pk: int):
    rule = get_visible_or_404(PointRule.objects.select_related("org"), request.user, pk=pk)
    require(request.user, Capability.EDIT, rule.org)
    initial = {"item": rule.item, "points": rule.points, "active": rule.active, "version": rule.version}
    form = RuleEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            point_rule_update(
                rule=rule, acting_user=request.user, expected_version=data.pop("version"), **data
            )
        except StaleRecordError as stale:
            form.add_error(None, stale.message)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "已保存积分规则")
            return redirect(_village_url(rule.org_id))
    return _form_page(request, form, f"修改积分规则：{rule.item}", _village_url(rule.org_id))


@login_required
def redeem(request, pk: int):
    village = _village_or_404(request, pk)
    require(request.user, Capability.EDIT, village)
    initial = {"person_name": request.GET.get("person", ""), "redeemed_on": timezone.localdate()}
    form = RedemptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            redemption = redemption_create(village=village, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已兑换：{redemption}")
            return redirect(_village_url(village.pk))
    return _form_page(request, form, f"{village.name} 积分超市兑换", _village_url(village.pk))


@login_required
def entry_reverse(request, pk: int):
    ledger = get_ledger("points")
    entry = record_or_404(ledger, request, pk)
    require(request.user, Capability.EDIT, entry.org)
    form = ReverseForm(request.POST or None, initial={"reversed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            reversal = point_entry_reverse(entry=entry, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"已冲正，冲正记录 {reversal.record_no}")
            return redirect(ledger.url("detail", pk=reversal.pk))
    return _form_page(request, form, f"冲正积分记录：{entry}", ledger.url("detail", pk=entry.pk))
