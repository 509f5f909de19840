"""The indicators edit form: 期间 typed in a form is read exactly as in an imported file."""

from django import forms

from xiangzhi.core.ledgers.forms import LedgerForm
from xiangzhi.core.tabular import CellError, Column, normalise_cell
from xiangzhi.economy.models import Indicator

PERIOD = Column("期间", "period", required=True, kind="period")


class IndicatorForm(LedgerForm):
    class Meta:
        model = Indicator
        fields = ["name", "period", "value", "unit", "org"]
        help_texts = {"period": "2023（年）、2023Q1（季度）、2023-03（月）或 2023H1（半年）"}

    def clean_period(self) -> str:
        try:
            return normalise_cell(PERIOD, self.cleaned_data["period"])
        except CellError as error:
            raise forms.ValidationError(error.reason) from None
