"""Text typed on a form that an export and an import will carry later: read as the import reads
a cell, so that the export of what a form saved always imports back as the same record."""

from django import forms
from django.core.exceptions import ValidationError

from xiangzhi.core.tabular import fold_text
from xiangzhi.core.tabular.unreadable import is_excel_error


def as_imported(value: str) -> str:
    """``value`` stripped and full-width folded (ＮＧ００１ is NG001), or a ValidationError for an
    Excel error value (#N/A, ＃ＲＥＦ！ pasted from a sheet), which an import refuses."""
    folded = fold_text(value.strip())
    if is_excel_error(folded):
        raise ValidationError(f"「{folded}」是 Excel 的错误值，请填写正确的内容")
    return folded


class SheetTextField(forms.CharField):
    """A CharField whose value goes through ``as_imported``."""

    def to_python(self, value):
        text = super().to_python(value)
        return as_imported(text) if text else text
