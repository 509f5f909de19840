"""The page of a workflow step that records a date (resolve a problem, rectify a hazard, start a
project …): one way to show the form, run the step's service and show its refusal."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import add_validation_error, tell_masked


def dated_step_page(
    request,
    record,
    *,
    form_class,
    run: Callable[[dict], str],
    title: str,
    detail_url: str,
    date_field: str | None = None,
    form_kwargs: dict | None = None,
):
    """The form starts at the record's version (a stale save is refused) and, when the step has a
    ``date_field``, at today. A valid POST calls ``run(data)`` (the cleaned data, its version as
    ``expected_version``), which runs the service and returns the success message; a refusal
    stays on the form, by field where it names one, and nothing is written."""
    initial = {"version": record.version}
    if date_field:
        initial[date_field] = timezone.localdate()
    form = form_class(request.POST or None, request.FILES or None, initial=initial, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["expected_version"] = data.pop("version")  # what every step service calls it
        try:
            done = run(data)
        except (ValidationError, StaleRecordError) as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done)
            tell_masked(request, record)  # the step's service saved this instance
            return redirect(detail_url)
    context = {"form": form, "title": title, "cancel_url": detail_url}
    return render(request, "core/form_page.html", context)
