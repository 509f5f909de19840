"""Lost-update protection for records without a version column: org units, star standards and
their parts, project types.

Ledger records carry a version (records.py). These are edited rarely and by few, so rather than a
column and a migration on each, the edit form carries a digest of the values it showed, and the
save compares it, under a row lock, with the values stored now: whoever saves second is told, as
on a ledger, that somebody else changed the record, and nothing of theirs is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django import forms

from xiangzhi.core.services.records import StaleRecordError


def values_digest(instance, names) -> str:
    """A short digest of ``instance``'s values of the fields ``names`` (attribute names)."""
    shown = "\x1f".join(repr(getattr(instance, name)) for name in names)
    return hashlib.sha256(shown.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Shown:
    """What an edit form showed: the fields, and the digest of their values then.

    The default (no digest) checks nothing: a script or an import has shown nobody anything.
    """

    names: tuple[str, ...] = ()
    digest: str | None = None

    def expect(self, instance) -> None:
        """Inside the saving transaction: lock the stored row, and refuse the save
        (StaleRecordError) if its values are no longer those shown."""
        if not self.digest or instance.pk is None:
            return
        self.check(type(instance)._default_manager.select_for_update().get(pk=instance.pk))

    def check(self, stored) -> None:
        """``expect`` for a service that has already locked and read the stored row."""
        if self.digest and values_digest(stored, self.names) != self.digest:
            raise StaleRecordError


# The default of a saving service: nothing shown, nothing checked.
NOT_SHOWN = Shown()


class ShownField(forms.CharField):
    """The hidden field that carries the digest back with the edit."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)


class ShownValuesForm(forms.ModelForm):
    """A ModelForm that remembers the values it showed; pass ``shown()`` to the saving service."""

    shown_digest = ShownField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["shown_digest"].initial = values_digest(self.instance, self._shown_names())

    def _shown_names(self) -> tuple[str, ...]:
        return tuple(self.instance._meta.get_field(name).attname for name in self._meta.fields)

    def shown(self) -> Shown:
        return Shown(self._shown_names(), self.cleaned_data.get("shown_digest") or None)

    def edited(self) -> dict:
        """The model fields' cleaned values, without the digest (for services taking keywords)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}
