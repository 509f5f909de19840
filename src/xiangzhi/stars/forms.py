"""Forms of the star pages. They only parse input; the rules live in the services."""

from django import forms
from django.utils import timezone

from xiangzhi.core.models import OrgUnit
from xiangzhi.core.services.unchanged import ShownValuesForm
from xiangzhi.stars.access import may_manage_standard
from xiangzhi.stars.choices import StarName, VetoKind
from xiangzhi.stars.metrics import all_metrics
from xiangzhi.stars.models import StarDefinition, StarStandard, StarTask, VetoRule
from xiangzhi.stars.models.standards import STANDARD_LEVELS
from xiangzhi.stars.rules import MAX_YEAR, MIN_YEAR

_DATE = forms.DateInput(attrs={"type": "date"})
_TEXT = forms.Textarea(attrs={"rows": 3})


class VersionForm(forms.Form):
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput)


class ApplyForm(forms.Form):
    star = forms.ChoiceField(label="申报的星", choices=StarName.choices)
    self_assessment = forms.CharField(label="自评说明", widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput, required=False)


class ReviewForm(VersionForm):
    decision = forms.ChoiceField(label="审核结论", choices=[("pass", "通过"), ("return", "退回")])
    comment = forms.CharField(label="意见（退回时必填）", widget=_TEXT, required=False)


class PublishForm(forms.Form):
    year = forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, widget=forms.HiddenInput)
    starts_on = forms.DateField(label="公示开始日期", widget=_DATE, required=False)


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label="收到日期", widget=_DATE, initial=timezone.localdate)
    content = forms.CharField(label="异议内容", widget=_TEXT)


class ResolveForm(VersionForm):
    upheld = forms.TypedChoiceField(
        label="处理结论",
        choices=[("no", "异议不成立"), ("yes", "异议成立（退回村里）")],
        coerce=lambda value: value == "yes",
    )
    resolution = forms.CharField(label="处理意见", widget=_TEXT)


class VetoForm(forms.Form):
    star = forms.ChoiceField(label="否决的星", choices=StarName.choices)
    kind = forms.ChoiceField(label="事件类型", choices=VetoKind.choices)
    rule = forms.ModelChoiceField(label="对应的否决事项", queryset=VetoRule.objects.none(), required=False)
    occurred_on = forms.DateField(label="发生日期", widget=_DATE, initial=timezone.localdate)
    description = forms.CharField(label="情况说明", widget=_TEXT)
    reference = forms.CharField(label="关联记录（如隐患编号、案件编号）", max_length=100, required=False)

    def __init__(self, *args, rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = rules if rules is not None else VetoRule.objects.none()
        self.fields["rule"].label_from_instance = lambda rule: f"{rule.star.star}：{rule.title}"


class EvidenceForm(forms.Form):
    text = forms.CharField(label="说明", widget=_TEXT, required=False)
    value = forms.DecimalField(label="自评数值", max_digits=12, decimal_places=2, required=False)
    file = forms.FileField(label="附件（照片、PDF、Word、Excel）", required=False)


def standard_units(user):
    """Units the user may issue a standard for (a county or a town they administer)."""
    units = OrgUnit.objects.visible_to(user).active().filter(level__in=STANDARD_LEVELS).order_by("path")
    return [unit for unit in units if may_manage_standard(user, unit)]


class _StandardTarget(forms.Form):
    org = forms.TypedChoiceField(label="适用单位", coerce=int, empty_value=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in standard_units(user)}
        choices = [(pk, unit.name) for pk, unit in self.units.items()]
        if user.is_superuser:
            choices.insert(0, ("", "全部单位"))
            self.fields["org"].required = False
        self.fields["org"].choices = choices

    def clean_org(self):
        value = self.cleaned_data.get("org")
        return self.units.get(value) if value is not None else None


class StandardUploadForm(_StandardTarget):
    file = forms.FileField(label="标准文件（JSON）")
    replace = forms.BooleanField(label="替换该单位该年度已有的标准（尚无申报时）", required=False)


class StandardCopyForm(_StandardTarget):
    year = forms.IntegerField(label="新标准的年度", min_value=MIN_YEAR, max_value=MAX_YEAR)
    label = forms.CharField(label="新标准名称（留空沿用原名称）", max_length=200, required=False)


class StandardEditForm(ShownValuesForm):
    class Meta:
        model = StarStandard
        fields = ["label", "issuer", "doc_no", "is_example", "notice_working_days"]


class DefinitionForm(ShownValuesForm):
    class Meta:
        model = StarDefinition
        fields = ["order", "description", "is_capstone", "requires_all_others"]
        widgets = {"description": _TEXT}


def _metric_choices(kind: str | None = None) -> list[tuple[str, str]]:
    metrics = [m for m in all_metrics() if kind is None or m.kind == kind]
    return [("", "（不绑定，人工认定）"), *((m.code, str(m)) for m in metrics)]


class TaskForm(ShownValuesForm):
    metric = forms.ChoiceField(label="台账指标", required=False, choices=_metric_choices)

    class Meta:
        model = StarTask
        fields = [
            "seq",
            "area",
            "title",
            "indicator_type",
            "metric",
            "comparison",
            "threshold",
            "unit",
            "evidence_required",
        ]


class VetoRuleForm(ShownValuesForm):
    metric = forms.ChoiceField(
        label="台账指标（大于 0 即触发）", required=False, choices=lambda: _metric_choices("number")
    )

    class Meta:
        model = VetoRule
        fields = ["title", "metric"]
