"""Small helpers shared by the star views."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.views.helpers import refusal_message, this_year, year_param

# What a failed service call may raise; views turn each into a message, never a traceback.
SERVICE_ERRORS = (ValidationError, StaleRecordError)


def year_of(request, source=None) -> int:
    """The year asked for (?year=2023, or a posted year), else the current year."""
    return year_param(request, this_year, source)


message_of = refusal_message


def year_choices(year: int) -> list[int]:
    this_year = timezone.localdate().year
    return sorted({year, this_year, this_year - 1, this_year - 2, 2023}, reverse=True)
