"""Forms of the points pages. The rules themselves live in rules.py and services.py."""

from django import forms

from xiangzhi.core.ledgers.forms import LedgerForm
from xiangzhi.points.models import PointEntry

_DATE = forms.DateInput(attrs={"type": "date"})


class PointEntryForm(LedgerForm):
    """The generic add/edit form of the points ledger.

    Once an entry is on the books, whose points they are and how many cannot be changed here:
    the fields are disabled (Django then ignores posted values) and a mistake is corrected with
    a reversing entry, which keeps the wrong one and its correction side by side.
    """

    class Meta:
        model = PointEntry
        fields = ["record_no", "org", "person_name", "identity", "entry_date", "item", "points"]
        widgets = {"entry_date": _DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.ledger.fixed_fields:
                self.fields[name].disabled = True
            self.fields["points"].help_text = "已入账的积分不能直接修改；如有错误，请在记录页面使用「冲正」"


class RuleForm(forms.Form):
    item = forms.CharField(label="积分事项", max_length=200)
    points = forms.IntegerField(label="分值", help_text="加分填正数，扣分填负数")


class RuleEditForm(RuleForm):
    active = forms.BooleanField(label="启用", required=False)
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput)


class RedemptionForm(forms.Form):
    person_name = forms.CharField(label="姓名", max_length=50)
    item = forms.CharField(label="兑换物品", max_length=200)
    points_spent = forms.IntegerField(label="消耗积分", min_value=1)
    redeemed_on = forms.DateField(label="兑换日期", widget=_DATE)


class ReverseForm(forms.Form):
    reason = forms.CharField(label="冲正原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))
    reversed_on = forms.DateField(label="冲正日期", widget=_DATE)
