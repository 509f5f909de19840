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

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

Check = Callable[[Any], str | None]
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


def _other(validator) -> Check:
    def check(value):
        try:
            validator(value)
        except ValidationError as error:
            return "；".join(error.messages)
        return None

    return check


def compile_field(field, *, sheet_checked: bool) -> list[Check]:
    checks = []
    for validator in field.validators:
        if isinstance(validator, MaxLengthValidator):
            checks.append(_max_length(field, validator.limit_value))
        elif isinstance(validator, MinValueValidator) and not callable(validator.limit_value):
            checks.append(_min_value(validator.limit_value))
        elif isinstance(validator, MaxValueValidator) and not callable(validator.limit_value):
            checks.append(_max_value(validator.limit_value))
        elif not sheet_checked:
            checks.append(_other(validator))
    return checks


class FieldChecks:
    """Per-import: field name -> compiled checks, built the first time a field is seen."""

    def __init__(self, ledger):
        self.model = ledger.model
        self.sheet_checked = {c.field for c in ledger.sheet.columns if c.kind in _ALREADY_CHECKED_KINDS}
        self._checks: dict[str, list[Check]] = {}

    def problems(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        found = []
        for name, value in fields.items():
            if value is None or value == "":
                continue
            checks = self._checks.get(name)
            if checks is None:
                checks = self._checks[name] = self._compile(name)
            for check in checks:
                reason = check(value)
                if reason:
                    found.append((name, reason))
                    break
        return found

    def _compile(self, name: str) -> list[Check]:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return []
        if field.is_relation:
            return []
        return compile_field(field, sheet_checked=name in self.sheet_checked)
