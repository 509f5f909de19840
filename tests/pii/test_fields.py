"""The encrypted field without a database: conversion, lookups, migrations, forms, history."""

import pytest
from django import forms
from django.core.exceptions import FieldError, ValidationError
from django.db import models
from django.test.utils import isolate_apps

from xiangzhi.core.pii.crypto import blind_index, decrypt, is_token
from xiangzhi.core.pii.fields import EncryptedCharField, fill_companions, index_lookup
from xiangzhi.core.pii.masking import mask_id, mask_phone

from .support import Resident, make_id_number


@pytest.fixture
def field():
    return Resident._meta.get_field("id_number")


def test_value_is_encrypted_for_the_database_and_decrypted_from_it(field):
    number = make_id_number()
    token = field.get_prep_value(number)
    assert is_token(token) and number not in token
    assert field.from_db_value(token, None, None) == number


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_values_are_stored_as_they_are(field, empty):
    assert field.get_prep_value(empty) == empty
    assert field.from_db_value(empty, None, None) == empty


def test_to_python_decrypts_tokens_and_leaves_plaintext_alone(field):
    number = make_id_number()
    assert field.to_python(number) == number
    assert field.to_python(field.get_prep_value(number)) == number
    assert field.to_python(None) is None


def test_a_token_assigned_by_mistake_is_not_encrypted_twice(field):
    number = make_id_number()
    assert decrypt(field.get_prep_value(field.get_prep_value(number))) == number


def test_serialisers_get_ciphertext(field):
    number = make_id_number()
    serialised = field.value_to_string(Resident(id_number=number))
    assert is_token(serialised)
    assert decrypt(serialised) == number


def test_plaintext_max_length_is_validated(field):
    with pytest.raises(ValidationError):
        field.run_validators("1" * 19)


def test_form_field_is_a_single_line_input(field):
    form_field = field.formfield()
    assert isinstance(form_field, forms.CharField)
    assert isinstance(form_field.widget, forms.TextInput)
    assert form_field.max_length == 18


def test_deconstruct_is_migration_friendly(field):
    name, path, args, kwargs = field.deconstruct()
    assert (name, path) == ("id_number", "xiangzhi.core.pii.fields.EncryptedCharField")
    assert kwargs["max_length"] == 18
    assert (kwargs["mask"], kwargs["revealable"]) == (mask_id, True)
    clone = EncryptedCharField(*args, **kwargs)
    assert clone.deconstruct()[1:] == (path, args, kwargs)
    assert (clone.mask, clone.revealable) == (mask_id, True)


def test_a_field_not_revealable_leaves_the_flag_out_of_its_migration():
    _, _, _, kwargs = EncryptedCharField("电话", max_length=20, mask=mask_phone).deconstruct()
    assert kwargs["mask"] is mask_phone
    assert "revealable" not in kwargs


@pytest.mark.parametrize("lookup", ["icontains", "startswith", "in", "iexact", "gt", "lower"])
def test_lookups_other_than_isnull_are_refused(lookup):
    value = ["x"] if lookup == "in" else "x"
    with pytest.raises(FieldError, match=r"已加密.*id_number_index"):
        Resident.objects.filter(**{f"id_number__{lookup}": value})


def test_exact_match_on_a_value_is_refused():
    with pytest.raises(FieldError, match="'exact'"):
        Resident.objects.filter(id_number=make_id_number())


def test_null_checks_still_work():
    assert "IS NULL" in str(Resident.objects.filter(id_number=None).query)
    assert "IS NOT NULL" in str(Resident.objects.filter(id_number__isnull=False).query)


@isolate_apps("xiangzhi.core")
def test_indexing_an_encrypted_field_fails_the_system_check():
    class Bad(models.Model):
        secret = EncryptedCharField(max_length=18, db_index=True, mask=mask_id)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return "bad"

    assert [e.id for e in Bad._meta.get_field("secret").check()] == ["pii.E001"]


@isolate_apps("xiangzhi.core")
def test_an_encrypted_field_without_a_mask_fails_the_system_check():
    class Unmasked(models.Model):
        secret = EncryptedCharField(max_length=18)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return "unmasked"

    assert [e.id for e in Unmasked._meta.get_field("secret").check()] == ["pii.E002"]


def test_history_model_keeps_the_encrypted_field():
    historical = Resident.history.model._meta.get_field("id_number")
    assert type(historical) is EncryptedCharField
    assert is_token(historical.get_prep_value(make_id_number()))


def test_fill_companions_sets_index_and_last4():
    number = make_id_number()
    resident = Resident(id_number=number.lower())
    fill_companions(resident, "id_number")
    assert resident.id_number_index == blind_index(number)
    assert resident.id_number_last4 == number[-4:]
    resident.id_number = None
    fill_companions(resident, "id_number")
    assert (resident.id_number_index, resident.id_number_last4) == ("", "")


def test_index_lookup_builds_filter_kwargs_and_refuses_blank():
    number = make_id_number()
    assert index_lookup("id_number", f" {number} ") == {"id_number_index": blind_index(number)}
    with pytest.raises(ValueError, match="non-empty"):
        index_lookup("id_number", "")
