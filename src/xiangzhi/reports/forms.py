"""The period picker of the report pages: a year, or a from/to pair (the CLI's --year/--from/--to)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

from xiangzhi.reports.period import Period, PeriodError, parse_period


class PeriodForm(forms.Form):
    """URL parameters ``year``, or ``from`` and ``to``; no parameters means the current year."""

    def __init__(self, data=None):
        super().__init__(data)
        # Lengths generous enough that a mistyped value reaches parse_period, whose message says
        # what is wrong with it; only absurd input stops at the field.
        self.fields["year"] = forms.CharField(label="年度", required=False, max_length=40)
        self.fields["from"] = forms.CharField(label="开始日期", required=False, max_length=40)
        self.fields["to"] = forms.CharField(label="结束日期", required=False, max_length=40)
        for name in ("from", "to"):
            self.fields[name].widget.input_type = "date"

    def clean(self):
        data = super().clean()
        if self.errors:  # a field could not be read: the period would be judged on what is left
            return data
        try:
            data["period"] = parse_period(data.get("year"), data.get("from"), data.get("to"))
        except PeriodError as error:
            raise forms.ValidationError(error.message) from None
        return data

    def messages(self) -> list[str]:
        """Every error, each field's named by its label (「年度：……」)."""
        named = [
            f"{self.fields[name].label}：{error}"
            for name, errors in self.errors.items()
            if name != NON_FIELD_ERRORS
            for error in errors
        ]
        return [*self.non_field_errors(), *named]


def period_from(query) -> tuple[Period | None, PeriodForm]:
    """The period a page asks for, and the bound form (with its errors when it cannot be read)."""
    if not any(query.get(name) for name in ("year", "from", "to")):
        year = timezone.localdate().year
        return Period.of_year(year), PeriodForm({"year": str(year)})
    data = query.copy()
    if data.get("from") or data.get("to"):
        # On the page the year menu keeps its choice while dates are typed: the dates are the
        # more specific request (the CLI, where nothing is preselected, refuses both).
        data["year"] = ""
    form = PeriodForm(data)
    return (form.cleaned_data["period"] if form.is_valid() else None), form
