"""Which fields of a model hold personal data, read from the one declaration on the model field.

Every reader — list and detail pages, history, edit forms, exports, the import error workbook,
the reveal page and any later API — asks here, so a field declared personal is masked everywhere
and a field that loses its declaration is caught by the PII matrix test.
"""

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from xiangzhi.core.pii.fields import PersonalData


def personal_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """The model's personal-data fields by name, in declaration order."""
    return {field.name: field for field in model._meta.concrete_fields if isinstance(field, PersonalData)}


def mask_for(model: type[models.Model], name: str) -> Callable[[object], str] | None:
    """The mask of ``model.<name>``, or None when the field holds no personal data (or is no field)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field.mask if isinstance(field, PersonalData) else None


def is_revealable(model: type[models.Model], name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, PersonalData) and field.revealable


def revealable_fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in personal_fields(model).values() if field.revealable]
