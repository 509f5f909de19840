"""安全生产 pages beyond the generic ledger pages: module home, overdue list, hazard workflow, photos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.access import record_or_404, scoped_records
from xiangzhi.core.ledgers.orgdir import OrgDirectory
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error, paginate, refusal_message, this_year, year_param
from xiangzhi.core.views.steps import dated_step_page
from xiangzhi.safety.forms import PhotoForm, RecheckForm, RectifyForm
from xiangzhi.safety.models import HazardPhoto, PhotoKind
from xiangzhi.safety.selectors import overdue_q, safety_figures, year_bounds
from xiangzhi.safety.services import (
    hazard_photo_add,
    hazard_recheck_fail,
    hazard_recheck_pass,
    hazard_rectify,
    hazard_start,
)

SAFETY_LEDGERS = ("premises", "inspections", "hazards")


@login_required
def safety_home(request):
    # The page shows the year so far: a future year has none yet, so it shows this one.
    year = min(year_param(request, this_year), this_year())
    start, end = year_bounds(year)
    figures = safety_figures(
        scoped_records(get_ledger("inspections"), request),
        scoped_records(get_ledger("hazards"), request),
        start,
        end,
    )
    context = {
        "ledgers": [ledger for ledger in all_ledgers() if ledger.name in SAFETY_LEDGERS],
        "figures": figures,
        "year": year,
        "start": start,
        "end": end,
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
    }
    return render(request, "safety/home.html", context)


@login_required
def overdue_hazards(request):
    today = timezone.localdate()
    hazards = (
        scoped_records(get_ledger("hazards"), request)
        .filter(overdue_q(today))
        .select_related("inspection__premises")
        .order_by("deadline", "hazard_no")
    )
    page = paginate(request, hazards)
    org = current_org(request)
    orgs = OrgDirectory(org) if org is not None else None
    rows = [
        (
            hazard,
            (today - hazard.deadline).days,
            orgs.village(hazard.org_id) if orgs else "",
            orgs.grid(hazard.org_id) if orgs else "",
        )
        for hazard in page.object_list
    ]
    context = {"page_obj": page, "rows": rows, "today": today}
    return render(request, "safety/overdue.html", context)


def _hazard_for_edit(request, pk: int):
    hazard = record_or_404(get_ledger("hazards"), request, pk)
    require(request.user, Capability.EDIT, hazard.org)
    return hazard


def _to_detail(hazard):
    return redirect("ledger-detail", ledger="hazards", pk=hazard.pk)


@login_required
@require_POST
def hazard_start_view(request, pk: int):
    hazard = _hazard_for_edit(request, pk)
    try:
        hazard_start(hazard=hazard, acting_user=request.user, expected_version=int(request.POST["version"]))
    except (ValidationError, StaleRecordError, KeyError, ValueError) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, "已开始整改")
    return _to_detail(hazard)


@login_required
def hazard_rectify_view(request, pk: int):
    hazard = _hazard_for_edit(request, pk)

    def run(data: dict) -> str:
        hazard_rectify(hazard=hazard, acting_user=request.user, **data)
        return "已登记整改完成，等待复查销号"

    return dated_step_page(
        request,
        hazard,
        form_class=RectifyForm,
        run=run,
        title=f"登记整改完成：{hazard.hazard_no}",
        detail_url=_detail_url(hazard),
        date_field="rectified_on",
        form_kwargs={"has_after_photo": hazard.photos.filter(kind=PhotoKind.AFTER).exists()},
    )


@login_required
def hazard_recheck_view(request, pk: int):
    hazard = _hazard_for_edit(request, pk)

    def run(data: dict) -> str:
        passed = data.pop("result") == RecheckForm.PASS
        service = hazard_recheck_pass if passed else hazard_recheck_fail
        service(hazard=hazard, acting_user=request.user, **data)
        return "复查通过，已销号" if passed else "复查未通过，已退回整改"

    return dated_step_page(
        request,
        hazard,
        form_class=RecheckForm,
        run=run,
        title=f"复查：{hazard.hazard_no}",
        detail_url=_detail_url(hazard),
        date_field="rechecked_on",
    )


@login_required
def hazard_photo_add_view(request, pk: int):
    hazard = _hazard_for_edit(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = hazard_photo_add(
                hazard=hazard,
                acting_user=request.user,
                kind=form.cleaned_data["kind"],
                uploads=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, f"已上传 {len(added)} 张照片")
            return _to_detail(hazard)
    return _form_page(request, form, f"上传照片：{hazard.hazard_no}", hazard)


@login_required
def photo_file(request, pk: int, size: str):
    """A hazard photo for a user who may see the hazard; media files have no public URL."""
    if size not in ("full", "thumb"):
        raise Http404
    photo = (
        HazardPhoto.objects.visible_to(request.user).filter(pk=pk, hazard__deleted_at__isnull=True).first()
    )
    if photo is None:
        raise Http404
    stored = photo.image if size == "full" else photo.thumbnail
    try:
        handle = stored.storage.open(stored.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _detail_url(hazard) -> str:
    return get_ledger("hazards").url("detail", pk=hazard.pk)


def _form_page(request, form, title: str, hazard):
    cancel = _detail_url(hazard)
    return render(request, "core/form_page.html", {"form": form, "title": title, "cancel_url": cancel})


def _form_error(form, error) -> None:
    if isinstance(error, StaleRecordError):
        form.add_error(None, error.message)
    else:
        add_validation_error(form, error)
