"""Forms of the safety pages: the ledgers' edit forms (phone-friendly inputs) and the workflow steps.

The forms only parse; the rules live in ``rules.py`` (edit forms, via the ledger) and in the
services (workflow steps).
"""

import datetime as dt

from django import forms
from django.db.models import Max, Q
from django.utils import timezone

from xiangzhi.core.ledgers.forms import LedgerForm
from xiangzhi.safety.models import Hazard, Inspection, PhotoKind, Premises
from xiangzhi.safety.photos import MAX_PER_UPLOAD, max_bytes

# Hints only: the list is open (CONTRACT §3), and every subtype a town has used is offered too.
NINE_SMALL_SUBTYPES = (
    "小学校/幼儿园",
    "小医院",
    "小商店",
    "小餐饮",
    "小旅馆",
    "小歌舞娱乐",
    "小网吧",
    "小美容洗浴",
    "小生产加工",
)


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SuggestInput(forms.TextInput):
    """A text input with a <datalist> of suggestions: free text, with common values one tap away."""

    template_name = "safety/widgets/suggest_input.html"

    def __init__(self, attrs=None, suggestions=()):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["list_id"] = f"{widget['attrs'].get('id') or name}-suggestions"
        widget["attrs"]["list"] = widget["list_id"]
        widget["suggestions"] = self.suggestions
        return context


class PremisesForm(LedgerForm):
    class Meta:
        model = Premises
        fields = ("premises_no", "org", "name", "kind", "subtype", "address", "manager", "phone")
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        used = (
            Premises.objects.visible_to(self.user)
            .exclude(subtype="")
            .order_by("subtype")
            .values_list("subtype", flat=True)
            .distinct()[:200]
        )
        suggestions = dict.fromkeys([*NINE_SMALL_SUBTYPES, *used])
        field = self.fields["subtype"]
        field.widget = SuggestInput(attrs=field.widget.attrs, suggestions=suggestions)
        field.help_text = "九小场所请填写类别，如 小餐饮、小旅馆；可自行填写其他类别"


class InspectionForm(LedgerForm):
    class Meta:
        model = Inspection
        fields = ("inspection_no", "premises", "inspected_on", "person_times", "inspectors")
        widgets = {
            "inspected_on": date_input(),
            "person_times": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }
        help_texts = {"inspectors": "多人用顿号分隔，如 李四、王五"}


# How far back from the latest inspection the hazard form lists them (older ones are reached from
# their own page).
RECENT_INSPECTIONS = dt.timedelta(days=366)


class HazardForm(LedgerForm):
    """Status and completion date are not here: they change only through the workflow steps."""

    class Meta:
        model = Hazard
        fields = ("hazard_no", "inspection", "category", "description", "grade", "deadline", "responsible")
        widgets = {"deadline": date_input(), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"grade": "重大隐患自动挂牌督办，直至复查销号"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["inspection"]
        field.queryset = field.queryset.select_related("premises").order_by("-inspected_on", "inspection_no")
        # Any visible inspection is valid (the queryset above); the list shows the recent ones.
        field.choices = [("", "---------"), *((i.pk, _inspection_label(i)) for i in self._listed(field))]
        field.help_text = "只列出最近一年的排查；更早排查发现的隐患，请从该排查记录的页面登记"

    def _listed(self, field):
        """The year of inspections up to the latest, and the one the form is about (from an
        inspection's page, the record being edited, or the value sent back): a town does about a
        thousand a year. Up to the latest, not to today, so that a town entering last year's
        paper records late still finds them listed."""
        latest = field.queryset.aggregate(latest=Max("inspected_on"))["latest"] or timezone.localdate()
        since = latest - RECENT_INSPECTIONS
        named = [self.instance.inspection_id, self.initial.get("inspection"), self.data.get("inspection")]
        return field.queryset.filter(Q(inspected_on__gte=since) | Q(pk__in=_ids(named)))


def _ids(values) -> list[int]:
    """The values that can be record ids; anything else (typed into the URL) names no record."""
    numbers = [int(value) for value in values if str(value or "").isdecimal()]
    return [number for number in numbers if number < 2**63]


def _inspection_label(inspection: Inspection) -> str:
    return f"{inspection.inspection_no} · {inspection.premises.name} · {inspection.inspected_on:%Y-%m-%d}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input (Django's documented pattern for multiple files)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        limit = max_bytes() // (1024 * 1024)
        kwargs.setdefault("help_text", f"可一次选择多张，最多 {MAX_PER_UPLOAD} 张，每张不超过 {limit} MB")
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        cleaned = single(data, initial)
        return [cleaned] if cleaned else []


class _VersionedForm(forms.Form):
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput)


class RectifyForm(_VersionedForm):
    rectified_on = forms.DateField(label="整改完成日期", widget=date_input())
    after_photos = PhotosField(label="整改后照片", required=False)

    def __init__(self, *args, has_after_photo: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_after_photo:
            self.fields["after_photos"].label = "整改后照片（必传）"


class RecheckForm(_VersionedForm):
    PASS, FAIL = "pass", "fail"
    result = forms.ChoiceField(
        label="复查结果",
        choices=[(PASS, "复查通过，销号"), (FAIL, "复查未通过，退回整改")],
        widget=forms.RadioSelect,
    )
    rechecked_on = forms.DateField(label="复查日期", widget=date_input())
    note = forms.CharField(
        label="复查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="未通过时必填"
    )


class PhotoForm(forms.Form):
    kind = forms.ChoiceField(
        label="照片类型", choices=PhotoKind.choices, initial=PhotoKind.BEFORE, widget=forms.RadioSelect
    )
    photos = PhotosField(label="照片")
