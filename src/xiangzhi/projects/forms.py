"""Forms of the projects app: the project edit form (type from its town's active types), the two
moves of a project, and the project-type page."""

from django import forms

from xiangzhi.core.ledgers.forms import LedgerForm
from xiangzhi.core.models import OrgLevel
from xiangzhi.core.services.unchanged import ShownValuesForm
from xiangzhi.core.sheet_text import SheetTextField
from xiangzhi.projects.models import Project, ProjectType
from xiangzhi.projects.project_types import active_type_names

# An <input type="date"> takes ISO dates only; the zh-hans default would render 2023/03/01.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(LedgerForm):
    kind = forms.ChoiceField(label="项目类型")

    class Meta:
        model = Project
        # The status moves only through the named services (开工 / 完工), never by a plain edit.
        fields = [
            "project_no",
            "org",
            "name",
            "kind",
            "length_m",
            "investment_wan",
            "started_on",
            "completed_on",
        ]
        widgets = {"started_on": _DATE, "completed_on": _DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = active_type_names(_only_town(self.user))
        current = self.instance.kind
        # A project of a since-retired type keeps its type when other fields are edited.
        if current and current not in names:
            names.append(current)
        self.fields["kind"].choices = [("", "---------"), *((name, name) for name in names)]

    def clean(self):
        cleaned = super().clean()
        org, kind = cleaned.get("org"), cleaned.get("kind")
        if org is not None and kind and kind != self.instance.kind:
            town = org.unit_at_level(OrgLevel.TOWN)
            if kind not in active_type_names(town):
                self.add_error("kind", f"「{kind}」不是{town.name}启用的项目类型")
        return cleaned


def _only_town(user):
    """The one town the user edits in, whose types the form offers; None when there are several
    (the superuser, or a user assigned in two towns): then every town's, checked in ``clean``."""
    if user.is_superuser:
        return None
    towns = {a.org.unit_at_level(OrgLevel.TOWN) for a in user.assignments}
    return towns.pop() if len(towns) == 1 else None


class _MoveForm(forms.Form):
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput)


class StartForm(_MoveForm):
    started_on = forms.DateField(label="开工日期", widget=_DATE)


class CompleteForm(_MoveForm):
    completed_on = forms.DateField(label="完工日期", widget=_DATE)
    length_m = forms.DecimalField(
        label="长度（米）", required=False, min_value=0, decimal_places=2, max_digits=12
    )
    investment_wan = forms.DecimalField(
        label="投资（万元）", required=False, min_value=0, decimal_places=2, max_digits=12
    )


class ProjectTypeForm(ShownValuesForm):
    class Meta:
        model = ProjectType
        fields = ["name", "order", "active"]
        # A type's name is a value of the projects sheet's 项目类型 column, read as the import reads it.
        field_classes = {"name": SheetTextField}
        help_texts = {
            "order": "数字小的排在前面",
            "active": "停用后新项目不能再选该类型，已有项目不受影响",
        }
