"""The model's own field limits, checked on every imported row.

The edit form runs them through ``full_clean()``; an import must too, or the database refuses a
row the import accepted (a negative count in a positive integer column, text longer than its
column) and the user gets a system error instead of ``第 N 行 [列名] 值: 原因``. ``full_clean()``
itself costs tens of microseconds a row, so each field's validators are compiled once into plain
comparisons; other validators run as they are, except where the sheet column already applied the
same rule (an ``id_number`` column checks exactly what ``IdNumberValidator`` checks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MaxLengthValidator, MaxValueValidator, MinValueValidator

from xiangzhi.core.models.base import TOO_SMALL, integer_range_problem, portable_integer_range
from xiangzhi.core.pii.masking import free_text_fields, mask_free_text, masked_notice
from xiangzhi.core.tabular.converters import TOO_LARGE

Check = Callable[[Any], str | None]
# Sheet column kinds whose converter applies the same rule as the model field's own validators.
_ALREADY_CHECKED_KINDS = frozenset({"id_number"})


def _max_length(field, limit) -> Check:
    def check(value):
        if isinstance(value, list | tuple):
            value = field.get_prep_value(value)  # a list stored as one string
        return f"超过 {limit} 个字符" if isinstance(value, str) and len(value) > limit else None

    return check


def _min_value(limit) -> Check:
    return lambda value: f"不能小于 {limit}" if value < limit else None


def _max_value(limit) -> Check:
    return lambda value: f"不能大于 {limit}" if value > limit else None


def _decimal_digits(validator: DecimalValidator) -> Check:
    """A number too long for its column is "数值过大"; too many decimals is Django's own message."""
    whole_limit = validator.max_digits - validator.decimal_places
    other = _other(validator)

    def check(value):
        if not value.is_finite():
            return "应为数字"
        if value and value.adjusted() >= whole_limit:  # adjusted(): the leading digit's power of ten
            return TOO_LARGE
        return other(value)

    return check


def _other(validator) -> Check:
    def check(value):
        try:
            validator(value)
        except ValidationError as error:
            return "；".join(error.messages)
        return None

    return check


def compile_field(field, column=None) -> list[Check]:
    """The checks of one model field, leaving out what the sheet column has already enforced."""
    in_range = portable_integer_range(field)[1] is not None
    # Too large first, as the form says it (LedgerModel.clean_fields); too small after Django's
    # own "不能小于 0", which says more.
    checks = [_out_of_range(field, TOO_LARGE)] if in_range else []
    for validator in field.validators:
        if isinstance(validator, MaxLengthValidator):
            if not _column_is_shorter(column, validator.limit_value):
                checks.append(_max_length(field, validator.limit_value))
        elif isinstance(validator, MinValueValidator) and not callable(validator.limit_value):
            checks.append(_min_value(validator.limit_value))
        elif isinstance(validator, MaxValueValidator) and not callable(validator.limit_value):
            checks.append(_max_value(validator.limit_value))
        elif isinstance(validator, DecimalValidator) and validator.max_digits is not None:
            checks.append(_decimal_digits(validator))
        elif column is None or column.kind not in _ALREADY_CHECKED_KINDS:
            checks.append(_other(validator))
    if in_range:
        checks.append(_out_of_range(field, TOO_SMALL))
    return checks


def _out_of_range(field, wanted: str) -> Check:
    return lambda value: wanted if integer_range_problem(field, value) == wanted else None


def _column_is_shorter(column, limit: int) -> bool:
    if column is None:
        return False
    if column.kind == "id_number":
        return limit >= 18
    if column.kind == "text" and column.max_length is not None:
        return column.max_length <= limit
    if column.kind == "choice":
        return max(map(len, column.choices)) <= limit
    # A closed list holds each choice at most once, so all of them joined is its longest value.
    return column.kind == "list" and bool(column.choices) and len("、".join(column.choices)) <= limit


class FieldChecks:
    """Per import: the checks of every field of the ledger's model, compiled once. A row is checked
    on the fields it fills; one it leaves out keeps its stored value."""

    def __init__(self, ledger):
        columns = {column.field: column for column in ledger.sheet.columns}
        self._checks: list[tuple[str, list[Check]]] = []
        for field in sorted(ledger.model._meta.concrete_fields, key=lambda field: field.name):
            checks = [] if field.is_relation else compile_field(field, columns.get(field.name))
            if checks:
                self._checks.append((field.name, checks))

    def problems(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        found = []
        for name, checks in self._checks:
            value = fields.get(name)
            if value is None or value == "":
                continue
            for check in checks:
                reason = check(value)
                if reason:
                    found.append((name, reason))
                    break
        return found


class FreeTextMasks:
    """Per import: ID and mobile numbers in the free-text columns of each row are masked before it
    is written, as the edit form does (LedgerModel.clean), and the preview says where. The first
    rows are named one by one; a file full of them is summed up instead of listed 100,000 times."""

    LISTED = 20

    def __init__(self, ledger):
        self.model = ledger.model
        self.active = bool(free_text_fields(ledger.model))
        self.labels = {column.field: column.header for column in ledger.sheet.columns}
        self.rows = 0

    def warnings(self, fields: dict[str, Any], row_number: int) -> list[str]:
        if not self.active:
            return []
        masked = mask_free_text(self.model, fields)
        if not masked:
            return []
        self.rows += 1
        if self.rows > self.LISTED:
            return []
        notices = "；".join(
            masked_notice(self.labels.get(name, name), kinds) for name, kinds in masked.items()
        )
        more = "（以下各行同样处理，不再逐行列出）" if self.rows == self.LISTED else ""
        return [f"第 {row_number} 行：{notices}{more}"]
