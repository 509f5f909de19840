"""Evidence pages: attach to a task, download a file (scoped), withdraw."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import get_visible_or_404, require
from xiangzhi.stars.access import village_or_404
from xiangzhi.stars.forms import EvidenceForm
from xiangzhi.stars.models import StarEvidence, StarStandard, StarTask
from xiangzhi.stars.services.evidence import ACCEPTED, IMAGE_SUFFIXES, evidence_add, evidence_remove
from xiangzhi.stars.views.helpers import SERVICE_ERRORS, message_of, year_of


def _page(village, year: int) -> str:
    return f"{reverse('stars-village', args=[village.pk])}?year={year}"


@login_required
def evidence_add_view(request, pk: int, task: int):
    village = village_or_404(request.user, pk)
    require(request.user, Capability.EDIT, village)
    year = year_of(request, request.POST if request.method == "POST" else None)
    standard = StarStandard.objects.in_force(village, year)
    task_obj = StarTask.objects.filter(pk=task, star__standard=standard).select_related("star").first()
    if task_obj is None:
        raise Http404
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence_add(
                village=village, year=year, task=task_obj, acting_user=request.user, **_service_data(form)
            )
        except SERVICE_ERRORS as error:
            form.add_error(None, message_of(error))
        else:
            messages.success(request, "已上传佐证材料")
            return redirect(_page(village, year))
    context = {
        "form": form,
        "title": f"{village.name} {year}年度 · {task_obj.star.star} · {task_obj.seq}. {task_obj.title}",
        "accepted": ACCEPTED,
        "cancel_url": _page(village, year),
        "year": year,
    }
    return render(request, "stars/evidence_form.html", context)


def _service_data(form) -> dict:
    data = form.cleaned_data
    return {"text": data["text"], "value": data["value"], "upload": data["file"] or None}


@login_required
def evidence_file(request, pk: int):
    """The file of a piece of evidence, for those who may see the evidence; never a public URL."""
    evidence = get_visible_or_404(StarEvidence.objects.all(), request.user, pk=pk)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = evidence.file.name[evidence.file.name.rfind(".") :].lower()
    content_type = mimetypes.types_map.get(suffix, "application/octet-stream")
    # Only photos are shown in the browser; documents are always downloaded.
    inline = suffix in IMAGE_SUFFIXES
    return FileResponse(
        handle, as_attachment=not inline, filename=evidence.file_name or "附件", content_type=content_type
    )


@login_required
@require_POST
def evidence_remove_view(request, pk: int):
    evidence = get_visible_or_404(StarEvidence.objects.select_related("org"), request.user, pk=pk)
    require(request.user, Capability.EDIT, evidence.org)
    try:
        evidence_remove(evidence=evidence, acting_user=request.user)
    except SERVICE_ERRORS as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, "已撤回该佐证材料（记录保留在修改历史中）")
    return redirect(_page(evidence.org, evidence.year))
