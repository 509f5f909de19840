"""The annual cycle in the browser: apply, review, publish, objections, 定星 and 摘星.

Each view fetches through the user's scope (404 outside it), checks the capability (403), parses
its form and calls one service; a refused move comes back as a message, never a traceback.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.stars.access import town_or_404, village_or_404
from xiangzhi.stars.forms import (
    ApplyForm,
    ObjectionForm,
    PublishForm,
    ResolveForm,
    ReviewForm,
    VersionForm,
    VetoForm,
)
from xiangzhi.stars.models import Objection, StarApplication, StarStandard, VetoRule
from xiangzhi.stars.selectors import application_context
from xiangzhi.stars.services.applications import (
    application_county_review,
    application_submit,
    application_town_review,
    notice_publish_all,
)
from xiangzhi.stars.services.outcome import (
    application_award,
    objection_record,
    objection_resolve,
    veto_record,
)
from xiangzhi.stars.views.helpers import SERVICE_ERRORS, message_of, year_of


def _application_or_404(request, pk: int) -> StarApplication:
    return get_visible_or_404(StarApplication.objects.select_related("org", "standard"), request.user, pk=pk)


def _village_url(village, year: int) -> str:
    return f"{reverse('stars-village', args=[village.pk])}?year={year}"


@login_required
def application_detail(request, pk: int):
    application = _application_or_404(request, pk)
    context = application_context(application, request.user)
    context.update(
        review_form=ReviewForm(initial={"version": application.version}), objection_form=ObjectionForm()
    )
    return render(request, "stars/application.html", context)


@login_required
def apply(request, pk: int):
    village = village_or_404(request.user, pk)
    require(request.user, Capability.EDIT, village)
    year = year_of(request, request.POST if request.method == "POST" else None)
    form = ApplyForm(request.POST or None, initial={"star": request.GET.get("star")})
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                village=village,
                year=year,
                star=form.cleaned_data["star"],
                self_assessment=form.cleaned_data["self_assessment"],
                acting_user=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except SERVICE_ERRORS as error:
            form.add_error(None, message_of(error))
        else:
            messages.success(request, f"已提交「{application.star}」的自评申报，等待镇初审")
            return redirect("stars-application", pk=application.pk)
    title = f"{village.name} {year}年度 创星自评申报"
    return render(
        request, "stars/apply.html", {"form": form, "title": title, "village": village, "year": year}
    )


def _review(request, pk: int, capability: str, service):
    application = _application_or_404(request, pk)
    require(request.user, capability, application.org)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择审核结论")
        return redirect("stars-application", pk=application.pk)
    data = form.cleaned_data
    try:
        service(
            application=application,
            acting_user=request.user,
            expected_version=data["version"],
            approve=data["decision"] == "pass",
            comment=data["comment"],
        )
    except SERVICE_ERRORS as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, f"已{'通过' if data['decision'] == 'pass' else '退回'}")
    return redirect("stars-application", pk=application.pk)


@login_required
@require_POST
def town_review(request, pk: int):
    return _review(request, pk, Capability.REVIEW_TOWN, application_town_review)


@login_required
@require_POST
def county_review(request, pk: int):
    return _review(request, pk, Capability.REVIEW_COUNTY, application_county_review)


@login_required
@require_POST
def publish(request, pk: int):
    town = town_or_404(request.user, pk)
    require(request.user, Capability.REVIEW_TOWN, town)
    form = PublishForm(request.POST)
    year = year_of(request, request.POST)
    if not form.is_valid():
        messages.error(request, "公示开始日期格式不正确")
    else:
        try:
            count = notice_publish_all(
                town=town, year=year, acting_user=request.user, starts_on=form.cleaned_data["starts_on"]
            )
        except SERVICE_ERRORS as error:
            messages.error(request, message_of(error))
        else:
            level = messages.success if count else messages.info
            level(
                request,
                f"已将 {count} 颗县审核通过的星列入公示" if count else "没有待公示的申报（需县审核通过）",
            )
    return redirect(f"{reverse('stars-town', args=[town.pk])}?year={year}")


@login_required
@require_POST
def objection_add(request, pk: int):
    application = _application_or_404(request, pk)
    require(request.user, Capability.REVIEW_TOWN, application.org)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写异议内容和收到日期")
        return redirect("stars-application", pk=application.pk)
    try:
        objection_record(application=application, acting_user=request.user, **form.cleaned_data)
    except SERVICE_ERRORS as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, "已登记异议；处理完毕前不能定星")
    return redirect("stars-application", pk=application.pk)


@login_required
@require_POST
def objection_resolve_view(request, pk: int):
    objection = get_visible_or_404(Objection.objects.select_related("org"), request.user, pk=pk)
    require(request.user, Capability.REVIEW_TOWN, objection.org)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择处理结论并填写处理意见")
    else:
        try:
            objection_resolve(
                objection=objection,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                upheld=form.cleaned_data["upheld"],
                resolution=form.cleaned_data["resolution"],
            )
        except SERVICE_ERRORS as error:
            messages.error(request, message_of(error))
        else:
            messages.success(request, "异议已处理")
    return redirect("stars-application", pk=objection.application_id)


@login_required
@require_POST
def award(request, pk: int):
    application = _application_or_404(request, pk)
    require(request.user, Capability.REVIEW_TOWN, application.org)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("请求无效，请刷新后重试")
        application_award(
            application=application, acting_user=request.user, expected_version=form.cleaned_data["version"]
        )
    except SERVICE_ERRORS as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, f"已定星：{application.org.name} {application.star}，已写入评星结果")
    return redirect("stars-application", pk=application.pk)


def _veto_rules(village, year: int):
    standard = StarStandard.objects.in_force(village, year)
    rules = (
        VetoRule.objects.filter(star__standard=standard, metric="") if standard else VetoRule.objects.none()
    )
    return rules.select_related("star")


@login_required
def veto_add(request, pk: int):
    village = village_or_404(request.user, pk)
    require(request.user, Capability.REVIEW_TOWN, village)
    year = year_of(request, request.POST if request.method == "POST" else None)
    form = VetoForm(
        request.POST or None, rules=_veto_rules(village, year), initial={"star": request.GET.get("star")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            veto_record(village=village, year=year, acting_user=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as error:
            form.add_error(None, message_of(error))
        else:
            star = form.cleaned_data["star"]
            messages.success(request, f"已登记否决事件：「{star}」本年度不能定星；如已获评，已同时摘星")
            return redirect(_village_url(village, year))
    title = f"{village.name} {year}年度 登记否决事件（摘星）"
    return render(
        request, "stars/veto.html", {"form": form, "title": title, "village": village, "year": year}
    )
