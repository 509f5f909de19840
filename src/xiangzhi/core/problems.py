"""The one way a service turns a rule's problems ((field, Chinese reason) pairs) into a refusal."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError


def problems_error(problems: Iterable[tuple[str, str]]) -> ValidationError:
    """Every reason kept, grouped by field in order: two problems on one field both reach the
    user (a ``dict(problems)`` would keep only the last)."""
    errors: dict[str, list[str]] = {}
    for field, reason in problems:
        errors.setdefault(field, []).append(reason)
    return ValidationError(errors)


def refuse_problems(problems: list[tuple[str, str]]) -> None:
    """Raise the problems as a ValidationError when there are any; nothing is written then."""
    if problems:
        raise problems_error(problems)
