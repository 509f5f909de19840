"""Edit forms of ledger records: the ledger's cross-field rules run here exactly as on import."""

import re

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q

from xiangzhi.core.fields import SEPARATOR, ChoiceListField
from xiangzhi.core.models import LedgerModel, OrgLevel, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.sheet_text import as_imported
from xiangzhi.core.tabular.normalise import TEXTUAL_KINDS

# The separators an import accepts in a list cell (CONTRACT §2), for open lists typed on a form.
_LIST_SEPARATORS = re.compile(r"[、,，;；/／\r\n]+")
# Records belong to a village or one of its grids; town-level ledgers add the town.
_RECORD_LEVELS = [OrgLevel.TOWN, OrgLevel.VILLAGE, OrgLevel.GRID]


class LedgerForm(forms.ModelForm):
    """Base of every ledger form: org choices limited to where the user may edit, version check."""

    ledger = None  # set by form_for()
    version = forms.IntegerField(label="版本", widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "org" in self.fields:
            capability = self._meta.model.write_capability
            self.fields["org"].queryset = editable_orgs(user, self.ledger.org_levels, capability)
            self.fields["org"].label = self.ledger.org_label
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                # type=date gives phones a date picker; it needs ISO dates whatever the locale.
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            manager = getattr(getattr(field, "queryset", None), "model", None)
            if manager is not None and issubclass(manager, LedgerModel):
                self._offer_visible(name, field, manager, user)
            elif manager is not None and hasattr(manager.objects, "visible_to") and manager is not OrgUnit:
                field.queryset = manager.objects.visible_to(user)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self._hidden_personal = self._hide_personal_values()
        self._list_fields()

    def _offer_visible(self, name: str, field, model, user) -> None:
        """A link's choices: the live records the user sees, and the one the record links to now
        even if it was deleted since (a problem of a deleted household), marked so; otherwise
        the form could not be saved without choosing another household."""
        linked = getattr(self.instance, f"{name}_id", None) if self.instance.pk else None
        live = Q(deleted_at__isnull=True) | Q(pk=linked) if linked else Q(deleted_at__isnull=True)
        field.queryset = model.all_objects.visible_to(user).filter(live)
        field.label_from_instance = lambda record: f"{record}（已删除）" if record.deleted_at else str(record)

    def _list_fields(self) -> None:
        """A list field (类别 …) as checkboxes of its sheet column's choices, or as text separated by
        、 when the list is open; a plain text input would show and read back Python's list syntax."""
        columns = {c.field: c for c in self.ledger.sheet.columns} if self.ledger is not None else {}
        for name, field in list(self.fields.items()):
            if name in self.declared_fields:
                continue  # a ledger's own form field for the list wins
            if not isinstance(_model_field(self._meta.model, name), ChoiceListField):
                continue
            column = columns.get(name)
            options = dict(label=field.label, required=field.required, help_text=field.help_text)
            if column is not None and column.choices:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=[(c, c) for c in column.choices], widget=forms.CheckboxSelectMultiple, **options
                )
            else:
                self.fields[name] = ListTextField(**options)

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
        self._fold_text_columns()
        for name, value in self._hidden_personal.items():
            if self.cleaned_data.get(name) in ("", None):
                self.cleaned_data[name] = value

    def _fold_text_columns(self) -> None:
        """Text read as the import reads it: full-width folded (户编号 ＮＧ００１ typed on the form is
        the NG001 a later import updates, not a second household), and an Excel error value
        (#N/A pasted from a sheet) refused, since the export of it could not be imported back."""
        if self.ledger is None:
            return
        for column in self.ledger.sheet.columns:
            value = self.cleaned_data.get(column.field)
            if column.kind not in TEXTUAL_KINDS or not isinstance(value, str):
                continue
            try:
                self.cleaned_data[column.field] = as_imported(value)
            except ValidationError as refused:
                self.add_error(column.field, refused)

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


class ListTextField(forms.CharField):
    """An open list typed as text: 甲、乙 (any separator the import accepts) <-> ["甲", "乙"]."""

    def prepare_value(self, value):
        return SEPARATOR.join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip()]


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def editable_orgs(user, levels=None, capability: str = Capability.EDIT):
    units = OrgUnit.objects.visible_to(user).active().filter(level__in=levels or _RECORD_LEVELS)
    allowed = [u.pk for u in units if user.can(capability, u)]
    return OrgUnit.objects.filter(pk__in=allowed).order_by("path")


def form_for(ledger) -> type[LedgerForm]:
    """The ledger's form class, or one built from its declared form fields."""
    if ledger.form_class is not None:
        # Bind the declaration to a copy, so one form class may serve several ledgers.
        return type(ledger.form_class.__name__, (ledger.form_class,), {"ledger": ledger})
    meta = type("Meta", (), {"model": ledger.model, "fields": list(ledger.form_fields)})
    return type(f"{ledger.model.__name__}Form", (LedgerForm,), {"Meta": meta, "ledger": ledger})
