"""Edit forms of ledger records: the ledger's cross-field rules run here exactly as on import."""

from django import forms

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability

# Records belong to a village or one of its grids; town-level ledgers add the town.
_RECORD_LEVELS = [OrgLevel.TOWN, OrgLevel.VILLAGE, OrgLevel.GRID]


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: org choices limited to where the user may edit, version check."""

    ledger = None  # set by form_for()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "org" in self.fields:
            self.fields["org"].queryset = editable_orgs(user, self.ledger.org_levels)
            self.fields["org"].label = self.ledger.org_label
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                # type=date gives phones a date picker; it needs ISO dates whatever the locale.
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            manager = getattr(getattr(field, "queryset", None), "model", None)
            if manager is not None and hasattr(manager.objects, "visible_to") and manager is not OrgUnit:
                field.queryset = manager.objects.visible_to(user)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self._hidden_personal = self._hide_personal_values()

    def _hide_personal_values(self) -> dict[str, object]:
        """Personal data already stored is never put back into the page (the HTML would hold it in
        full): the input shows the mask and stays empty, and empty means "keep it"."""
        hidden = {}
        for name, mask in getattr(self._meta.model, "pii_masks", {}).items():
            value = getattr(self.instance, name, None) if self.instance.pk else None
            if name not in self.fields or not value:
                continue
            field = self.fields[name]
            field.required = False
            field.widget.attrs["placeholder"] = mask(value)
            field.help_text = "已隐藏。留空则保持不变；需要更正时填写完整的新值。"
            self.initial[name] = ""
            hidden[name] = value
        return hidden

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in self._hidden_personal.items():
            if self.cleaned_data.get(name) in ("", None):
                self.cleaned_data[name] = value

    def _post_clean(self):
        super()._post_clean()
        if self.ledger is not None and not self.errors:
            self.ledger.prepare(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.ledger is not None and not self.errors:
            for field_name, reason in self.ledger.validate({**self._instance_values(), **cleaned}):
                self.add_error(field_name if field_name in self.fields else None, reason)
        return cleaned

    def _instance_values(self) -> dict:
        return {
            f.name: getattr(self.instance, f.name, None)
            for f in self.instance._meta.concrete_fields
            if not f.is_relation
        }


def editable_orgs(user, levels=None):
    units = OrgUnit.objects.visible_to(user).active().filter(level__in=levels or _RECORD_LEVELS)
    allowed = [u.pk for u in units if user.can(Capability.EDIT, u)]
    return OrgUnit.objects.filter(pk__in=allowed).order_by("path")


def form_for(ledger) -> type[LedgerForm]:
    """The ledger's form class, or one built from its declared form fields."""
    if ledger.form_class is not None:
        # Bind the declaration to a copy, so one form class may serve several ledgers.
        return type(ledger.form_class.__name__, (ledger.form_class,), {"ledger": ledger})
    meta = type("Meta", (), {"model": ledger.model, "fields": list(ledger.form_fields)})
    return type(f"{ledger.model.__name__}Form", (LedgerForm,), {"Meta": meta, "ledger": ledger})
