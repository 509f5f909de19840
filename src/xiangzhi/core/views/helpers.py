from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils import timezone

from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.tabular.converters import FIRST_YEAR, LAST_YEAR

PAGE_SIZE = 50


def add_validation_error(form, error: ValidationError | StaleRecordError) -> None:
    """Show a service's refusal on the form: a ValidationError field by field where it names
    fields, a StaleRecordError (somebody saved first) above the form."""
    if isinstance(error, StaleRecordError):
        form.add_error(None, error.message)
    elif hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def year_param(request, default: Callable[[], int]) -> int:
    """The page's ?year=, or ``default()`` when it is missing or not a year a ledger date can have:
    a nonsensical year shows the default rather than an error page."""
    raw = request.GET.get("year", "").strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses; and a year has 4 digits, while
    # int() refuses more than 4,300 of them with an error of its own.
    if raw.isdecimal() and len(raw) == 4 and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return default()


def latest_or_this_year(years: list[int]) -> Callable[[], int]:
    """The default year of a page listing ``years`` (newest first): the newest, else this year."""
    return lambda: years[0] if years else timezone.localdate().year


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
