"""Model fields for SENSITIVE personal data, and the companions that make them searchable.

A model that holds an ID number declares three columns::

    id_number = EncryptedCharField(
        "身份证号", max_length=18, blank=True, validators=[IdNumberValidator()], mask=mask_id, revealable=True
    )
    id_number_index = index_column("身份证号索引")   # exact lookup, de-duplication
    id_number_last4 = last4_column("身份证号后四位")       # "尾号1234" in lists, partial matching

and every service or importer that sets ``id_number`` calls ``fill_companions(obj, "id_number")``
before saving; selectors find a person with ``Model.objects.filter(**index_lookup("id_number", raw))``.
Where only a check is needed (DOMAIN §12.2 rule 1), leave out the encrypted column and keep the
two companions: ``fill_companions`` works from a plain value too (``fill_companions_from``).

Why an explicit call and not ``save()``, a signal or ``pre_save`` magic: the house style keeps rules
out of ``save()`` and signals; ``bulk_create``/``bulk_update``/``update()`` — what a 100,000-row
import uses — skip ``save()`` and signals anyway, so importers must think about companions either
way; and one visible line beside the assignment is easier to follow than a field that writes
other fields depending on declaration order.

The encrypted column itself supports only ``isnull`` (and ``=None``): any other lookup would
compare random ciphertexts and silently match nothing, so it raises ``FieldError`` instead.
Ordering by it is meaningless too. django-simple-history copies the field class into the
historical model, so history rows store ciphertext as well.

The field is also the one declaration of personal data (``PersonalData``): its ``mask`` is how
every page, export, error workbook and history entry shows the value, and ``revealable`` says
whether a user with the reveal capability may open the full value (a logged act). Readers ask
``xiangzhi.core.pii.declared``, never a list of their own.
"""

from django import forms
from django.core import checks
from django.core.exceptions import FieldError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.functions import Cast
from django.db.models.lookups import Exact

from xiangzhi.core.pii.crypto import blind_index, decrypt, encrypt, is_token, last4, needs_reencryption

BLIND_INDEX_MAX_LENGTH = 64


def _lookup_error(field: models.Field, lookup_name: str) -> FieldError:
    where = f"{field.model._meta.label}.{field.name}" if hasattr(field, "model") else field.name
    return FieldError(
        f"{where} 已加密，不支持 '{lookup_name}' 查询：精确查找请用盲索引列 {field.name}_index"
        f"（index_lookup），部分匹配请用 {field.name}_last4。"
    )


class _ExactNoneOnly(Exact):
    """``field=None`` (Django turns it into ``isnull``); any real value is refused."""

    def get_prep_lookup(self):
        if self.rhs is not None:
            raise _lookup_error(self.lhs.output_field, "exact")
        return super().get_prep_lookup()


class PersonalData:
    """Mixin of a model field that holds personal data: ``mask`` (a function of
    ``xiangzhi.core.pii.masking``) and ``revealable`` travel with the field, into migrations too."""

    def __init__(self, *args, mask=None, revealable: bool = False, **kwargs):
        self.mask = mask
        self.revealable = revealable
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not callable(self.mask):
            errors.append(
                checks.Error(
                    "个人信息字段必须声明 mask（显示时的遮蔽方式）。",
                    hint="Pass mask=mask_id, mask_phone … from xiangzhi.core.pii.masking.",
                    obj=self,
                    id="pii.E002",
                )
            )
        return errors

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["mask"] = self.mask
        if self.revealable:
            kwargs["revealable"] = True
        return name, path, args, kwargs


class EncryptedCharField(PersonalData, models.TextField):
    """A short text stored as an AES-GCM token (``crypto.encrypt``); Python code sees plaintext.

    ``max_length`` limits the plaintext (validated, and the form input's maxlength); the column is
    TEXT because the token is longer than the value. ``""`` and ``None`` are stored as they are.
    """

    description = "加密文本"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def check(self, **kwargs):
        errors = super().check(**kwargs)  # PersonalData's: a mask is declared
        if self.unique or self.db_index or self.primary_key:
            errors.append(
                checks.Error(
                    "加密字段不能设 unique/db_index/primary_key：每次加密结果都不同，索引无用。",
                    hint="Index the blind-index companion (index_column) instead.",
                    obj=self,
                    id="pii.E001",
                )
            )
        return errors

    def to_python(self, value):
        if isinstance(value, str):
            # Serialised data (loaddata) carries tokens, see value_to_string.
            return decrypt(value) if is_token(value) else value
        return value if value is None else str(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)  # TextField's: to_python, so a token is not re-wrapped
        if value is None or value == "":
            return value
        return encrypt(value)

    def value_to_string(self, obj):
        # dumpdata and other serialisers write ciphertext, never plaintext.
        return self.get_prep_value(self.value_from_object(obj))

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _ExactNoneOnly
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None  # Django then tries a transform of that name, which raises below

    def get_transform(self, lookup_name):
        raise _lookup_error(self, lookup_name)

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


def index_column(verbose_name: str = "盲索引") -> models.CharField:
    return models.CharField(
        verbose_name, max_length=BLIND_INDEX_MAX_LENGTH, blank=True, db_index=True, editable=False
    )


def last4_column(verbose_name: str = "后四位") -> models.CharField:
    return models.CharField(verbose_name, max_length=4, blank=True, editable=False)


def fill_companions(
    instance: models.Model,
    source_field: str,
    *,
    index_field: str | None = None,
    last4_field: str | None = None,
) -> None:
    """Set ``<source>_index`` and ``<source>_last4`` from ``instance.<source>`` (not saved)."""
    fill_companions_from(
        instance,
        getattr(instance, source_field),
        index_field=index_field or f"{source_field}_index",
        last4_field=last4_field or f"{source_field}_last4",
    )


def fill_companions_from(
    instance: models.Model, value: object, *, index_field: str, last4_field: str
) -> None:
    """Like ``fill_companions`` for a value the model does not store in full (index + last 4 only)."""
    setattr(instance, index_field, blind_index(value))
    setattr(instance, last4_field, last4(value))


def index_lookup(source_field: str, value: object, *, index_field: str | None = None) -> dict[str, str]:
    """Filter kwargs for an exact match on an encrypted column via its blind index."""
    digest = blind_index(value)
    if not digest:
        raise ValueError("index_lookup needs a non-empty value (blank rows have no index)")
    return {index_field or f"{source_field}_index": digest}


def reencrypt_field(model: type[models.Model], field_name: str, *, batch_size: int = 1000) -> int:
    """Re-encrypt one column under the current key (key rotation); returns the rows rewritten.

    Run it for the model and for its historical model. Uses ``bulk_update``, so no history rows
    or audit events are written: the plaintext does not change.
    """
    field = model._meta.get_field(field_name)
    manager = model._base_manager
    # Cast to a plain TextField so the database hands back the token, not the decrypted value.
    tokens = (
        manager.exclude(**{f"{field.attname}__isnull": True})
        .annotate(_token=Cast(field.attname, models.TextField()))
        .values_list("pk", "_token")
    )
    stale = [
        model(pk=pk, **{field.attname: decrypt(token)})
        for pk, token in tokens.iterator(chunk_size=batch_size)
        if token and needs_reencryption(token)
    ]
    with transaction.atomic(using=manager.db):
        manager.bulk_update(stale, [field.name], batch_size=batch_size)
    return len(stale)
