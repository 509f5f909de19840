from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils import timezone

from xiangzhi.core.services.records import StaleRecordError
from xiangzhi.core.tabular.converters import FIRST_YEAR, LAST_YEAR

PAGE_SIZE = 50


def tell_masked(request, record) -> None:
    """Say which free-text fields of a saved record had an ID or mobile number masked."""
    for notice in record.masked_notices():
        messages.warning(request, notice)


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


def refusal_message(error) -> str:
    """One line for a refusal shown as a message (a step posted from a button, not a form page):
    a stale save, a broken rule, or a post that lost its fields."""
    if isinstance(error, StaleRecordError):
        return error.message
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return "请求无效，请刷新后重试"


def year_param(request, default: Callable[[], int], source=None) -> int:
    """The page's ?year= (or the ``year`` of ``source``, a posted form), or ``default()`` when it
    is missing or not a year a ledger date can have: a nonsensical year shows the default with a
    message saying so rather than an error page. The one parser of a page's year."""
    raw = str((request.GET if source is None else source).get("year", "")).strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses; and a year has 4 digits, while
    # int() refuses more than 4,300 of them with an error of its own.
    if raw.isdecimal() and len(raw) == 4 and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    year = default()
    if raw:
        notice = f"年度「{raw[:20]}」无效（应为 {FIRST_YEAR}–{LAST_YEAR} 之间的年份），已显示 {year} 年"
        messages.warning(request, notice, fail_silently=True)
    return year


def this_year() -> int:
    return timezone.localdate().year


def latest_or_this_year(years: list[int]) -> Callable[[], int]:
    """The default year of a page listing ``years`` (newest first): the newest, else this year."""
    return lambda: years[0] if years else timezone.localdate().year


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
