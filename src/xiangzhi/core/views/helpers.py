from django.core.exceptions import ValidationError
from django.core.paginator import Paginator

from xiangzhi.core.services.records import StaleRecordError

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


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
