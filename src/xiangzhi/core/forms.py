from django import forms

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Role
from xiangzhi.core.services.unchanged import Shown, ShownField, values_digest
from xiangzhi.core.sheet_text import SheetTextField


class OrgUnitForm(forms.Form):
    # Units go through the orgs sheet too (export and import orgs): typed as it reads them.
    code = SheetTextField(label="编码", max_length=32)
    name = SheetTextField(label="名称", max_length=100)
    level = forms.ChoiceField(label="层级", choices=OrgLevel.choices)


class OrgUnitEditForm(forms.Form):
    SHOWN = ("code", "name")

    # Units go through the orgs sheet too (export and import orgs): typed as it reads them.
    code = SheetTextField(label="编码", max_length=32)
    name = SheetTextField(label="名称", max_length=100)
    shown_digest = ShownField()

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        initial = {"code": unit.code, "name": unit.name, "shown_digest": values_digest(unit, self.SHOWN)}
        super().__init__(*args, initial=initial, **kwargs)

    def edited(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SHOWN}

    def shown(self) -> Shown:
        return Shown(self.SHOWN, self.cleaned_data.get("shown_digest") or None)


class UserCreateForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=50)
    password = forms.CharField(
        label="初始密码", widget=forms.PasswordInput, help_text="至少12位，不要使用常见密码"
    )
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    org = forms.ModelChoiceField(label="所属单位", queryset=OrgUnit.objects.none())

    def __init__(self, *args, orgs=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_choices(self, orgs, roles)


class AssignmentForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    org = forms.ModelChoiceField(label="所属单位", queryset=OrgUnit.objects.none())

    def __init__(self, *args, orgs=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_choices(self, orgs, roles)


def _limit_choices(form, orgs, roles) -> None:
    """Offer the units the administrator manages and the roles they may grant (four eyes); the
    service checks both again."""
    if orgs is not None:
        form.fields["org"].queryset = orgs
    if roles is not None:
        form.fields["role"].choices = [(value, label) for value, label in Role.choices if value in roles]


class PasswordResetForm(forms.Form):
    """An administrator sets a new password for a user who forgot theirs."""

    password = forms.CharField(
        label="新密码", widget=forms.PasswordInput, strip=False, help_text="至少12位，不要使用常见密码"
    )
    password_again = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput, strip=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", "两次输入的密码不一致")
        return cleaned
