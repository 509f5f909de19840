"""Import in the browser: upload → check (preview with every row error) → confirm → import.

Both steps run in the background; the job page polls its progress with htmx, so the user may
leave and come back (the job list on the upload page links to recent jobs).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from xiangzhi.core.current import current_org, current_town
from xiangzhi.core.ledgers import job_queue, jobs
from xiangzhi.core.ledgers.access import ledger_or_404
from xiangzhi.core.ledgers.declaration import get_ledger
from xiangzhi.core.ledgers.importer import import_limits
from xiangzhi.core.models import ImportJob, JobStatus
from xiangzhi.core.pii.access import log_full_export
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label="台账文件", help_text="Excel（.xlsx）或 CSV 文件，第一张工作表")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = import_limits().max_bytes
        if uploaded.size > limit:
            raise forms.ValidationError(f"文件过大：上限为 {limit / 1024 / 1024:.0f} MB，请拆分后分批导入")
        return uploaded


class _UploadInMemory(MemoryFileUploadHandler):
    """Keeps an upload up to the import size limit in memory. Django's default spools anything
    over 2.5 MB to the system temporary directory: a plaintext copy of the register for the
    length of the request. A larger file goes on to the next handler, and the form refuses it."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length <= import_limits().max_bytes + _FORM_OVERHEAD


_FORM_OVERHEAD = 64 * 1024  # the multipart envelope and the CSRF token around the file


@csrf_exempt
def import_upload(request, ledger: str):
    # Upload handlers can only be replaced before anything reads the request body, and the CSRF
    # check reads it: so the check runs inside, after them (as Django's documentation shows).
    request.upload_handlers = [_UploadInMemory(request), TemporaryFileUploadHandler(request)]
    return _import_upload(request, ledger)


@csrf_protect
@login_required
def _import_upload(request, ledger: str):
    ledger = ledger_or_404(ledger)
    require(request.user, Capability.IMPORT, current_org(request), ledger.name)
    # Every import writes into one town: above town level the user picks one first.
    town = current_town(request)
    if town is None:
        messages.error(request, "导入的台账属于某个乡镇：请先在页面顶部切换到要导入的乡镇或村，再导入。")
        return redirect(ledger.url("list"))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            ledger=ledger.name,
            town=town,
            user=request.user,
            filename=uploaded.name[:255],
            stored_path=jobs.store_upload(uploaded),
            dry_run=True,
        )
        jobs.enqueue(job)
        return redirect("import-job", job=job.pk)
    recent = ImportJob.objects.filter(user=request.user, ledger=ledger.name)[:10]
    return render(
        request, "core/import_upload.html", {"ledger": ledger, "form": form, "town": town, "recent": recent}
    )


def _may_import_into(user, town, ledger: str) -> bool:
    """Whether the user may import into some unit of ``town`` (the town itself or one of its
    villages): the import checks each row's unit against the user again as it writes it."""
    if user.can(Capability.IMPORT, town, ledger=ledger):
        return True
    return any(path.startswith(town.path) for path in user.paths_where(Capability.IMPORT, ledger))


def _job_or_404(request, job_id) -> ImportJob:
    """Jobs are private to the user who uploaded them."""
    job = ImportJob.objects.filter(pk=job_id, user=request.user).select_related("town").first()
    if job is None:
        raise Http404
    return job


@login_required
def import_job(request, job):
    job = _job_or_404(request, job)
    context = {"job": job, "ledger": get_ledger(job.ledger), "progress": jobs.read_progress(job)}
    if job.status == JobStatus.QUEUED:
        context["ahead"] = job_queue.jobs_ahead(job)
        jobs.wake()  # queued by a process that exited before it started: this one takes it up
    template = "core/includes/_import_status.html" if request.htmx else "core/import_job.html"
    return render(request, template, context)


@login_required
@require_POST
def import_confirm(request, job):
    checked = _job_or_404(request, job)
    if not (checked.dry_run and checked.status == JobStatus.DONE and checked.error_count == 0):
        raise Http404
    if not _may_import_into(request.user, checked.town, checked.ledger):
        raise PermissionDenied
    with transaction.atomic():
        # Locked, so that of two clicks on 确认导入 the second finds the import the first started
        # and shows its progress, instead of importing a file that is already gone.
        ImportJob.objects.select_for_update().filter(pk=checked.pk).first()
        started = ImportJob.objects.filter(stored_path=checked.stored_path, dry_run=False).first()
        if started is not None:
            return redirect("import-job", job=started.pk)
        if jobs.upload_expired(checked):
            kept = jobs.UPLOAD_KEEP.days
            messages.error(request, f"检查结果已过期：上传的文件只保留 {kept} 天，请重新上传。")
            return redirect(get_ledger(checked.ledger).url("import"))
        real = ImportJob.objects.create(
            ledger=checked.ledger,
            town=checked.town,
            user=request.user,
            filename=checked.filename,
            stored_path=checked.stored_path,
            dry_run=False,
        )
    jobs.enqueue(real)
    return redirect("import-job", job=real.pk)


@login_required
def import_error_workbook(request, job):
    job = _job_or_404(request, job)
    if not job.error_count:
        raise Http404
    ledger = get_ledger(job.ledger)
    reveal = request.user.can(Capability.REVEAL_PII, job.town)
    workbook = jobs.read_error_workbook(job, masks={} if reveal else ledger.personal_columns)
    if workbook is None:
        messages.error(request, f"标注错误的表格已过期：只保留 {jobs.UPLOAD_KEEP.days} 天，请重新上传文件。")
        return redirect("import-job", job=job.pk)
    if reveal and ledger.personal_columns:
        log_full_export(
            user=request.user,
            org=job.town,
            ledger_name=ledger.name,
            model=ledger.model,
            rows=job.error_count,
            fields=list(ledger.personal_columns),
            channel="error_workbook",
        )
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''errors.xlsx"
    return response
