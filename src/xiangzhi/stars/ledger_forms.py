"""Edit forms of the star ledgers: stars as check boxes, the share typed as 67% or 0.67."""

from decimal import Decimal
from functools import cache

from django import forms

from xiangzhi.core.ledgers.forms import LedgerForm
from xiangzhi.core.tabular import CellError, Column, normalise_cell
from xiangzhi.stars.choices import StarName, canonical_stars


class PercentField(forms.CharField):
    """Parses a share exactly as an import does, so the form and the file accept the same text."""

    def __init__(self, column: Column, **kwargs):
        self.column = column
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{format((value * 100).normalize(), 'f')}%"
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return normalise_cell(self.column, value)
        except CellError as error:
            raise forms.ValidationError(error.reason) from None


class StarsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=StarName.choices, **kwargs)

    def clean(self, value):
        return canonical_stars(super().clean(value))


@cache
def star_list_form(ledger, *, required: bool) -> type[LedgerForm]:
    field = ledger.model._meta.get_field("stars")
    meta = type("Meta", (), {"model": ledger.model, "fields": list(ledger.form_fields)})
    attrs = {"Meta": meta, "stars": StarsField(label=field.verbose_name, required=required)}
    return type(f"{ledger.model.__name__}Form", (LedgerForm,), attrs)


@cache
def target_form(ledger) -> type[LedgerForm]:
    column = ledger.sheet.column("three_plus_share")
    meta = type("Meta", (), {"model": ledger.model, "fields": list(ledger.form_fields)})
    share = PercentField(column, label=column.header, help_text="如 67% 或 0.67")
    return type("StarTargetForm", (LedgerForm,), {"Meta": meta, "three_plus_share": share})
