"""The encrypted field against a real database, including django-simple-history's copy."""

import pytest
from django.core import serializers
from django.db import connection

from xiangzhi.core.pii.crypto import current_key_id, decrypt, is_token
from xiangzhi.core.pii.fields import fill_companions, index_lookup, reencrypt_field

from .conftest import FIELD_KEY_A, FIELD_KEY_B
from .support import Resident, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)


def stored(table: str, pk_column: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id_number FROM {table} WHERE {pk_column} = %s", [pk])
        return cursor.fetchone()[0]


def new_resident(number: str) -> Resident:
    resident = Resident(name="张三丰", id_number=number)
    fill_companions(resident, "id_number")
    resident.save()
    return resident


def test_column_holds_ciphertext_and_the_model_reads_plaintext(resident_tables):
    number = make_id_number()
    resident = new_resident(number)
    raw = stored(Resident._meta.db_table, "id", resident.pk)
    assert is_token(raw) and number not in raw
    assert Resident.objects.get(pk=resident.pk).id_number == number
    assert list(Resident.objects.values_list("id_number", flat=True)) == [number]


def test_history_rows_hold_ciphertext_too(resident_tables):
    number = make_id_number()
    resident = new_resident(number)
    resident.name = "张三"
    resident.save()
    history = Resident.history.model
    assert resident.history.count() == 2
    for record in resident.history.all():
        raw = stored(history._meta.db_table, "history_id", record.history_id)
        assert is_token(raw) and number not in raw
        assert record.id_number == number


def test_exact_lookup_goes_through_the_blind_index(resident_tables):
    number = make_id_number()
    resident = new_resident(number)
    new_resident(make_id_number(seq="124"))
    typed = " " + "".join(chr(ord(ch) + 0xFEE0) for ch in number)
    assert Resident.objects.get(**index_lookup("id_number", typed)) == resident
    assert Resident.objects.filter(id_number_last4=number[-4:]).count() == 1


def test_bulk_create_and_update_encrypt(resident_tables):
    numbers = [make_id_number(seq=f"{s:03d}") for s in range(5)]
    Resident.objects.bulk_create([Resident(id_number=n) for n in numbers])
    Resident.objects.filter(id_number__isnull=False).update(name="x")
    for pk in Resident.objects.values_list("pk", flat=True):
        assert is_token(stored(Resident._meta.db_table, "id", pk))
    assert sorted(Resident.objects.values_list("id_number", flat=True)) == sorted(numbers)


def test_serialised_data_carries_ciphertext(resident_tables):
    number = make_id_number()
    resident = new_resident(number)
    assert number not in serializers.serialize("json", [resident])
    # loaddata turns each serialised value back with field.to_python:
    (row,) = serializers.serialize("python", [resident])
    assert Resident._meta.get_field("id_number").to_python(row["fields"]["id_number"]) == number


def test_reencrypt_field_moves_model_and_history_to_the_new_key(resident_tables, pii_keys):
    number = make_id_number()
    resident = new_resident(number)
    pii_keys.FIELD_ENCRYPTION_KEY = FIELD_KEY_B
    pii_keys.FIELD_ENCRYPTION_OLD_KEYS = [FIELD_KEY_A]
    new_resident(make_id_number(seq="124"))  # already under the new key

    assert reencrypt_field(Resident, "id_number") == 1
    assert reencrypt_field(Resident.history.model, "id_number") == 1
    assert reencrypt_field(Resident, "id_number") == 0

    pii_keys.FIELD_ENCRYPTION_OLD_KEYS = []
    raw = stored(Resident._meta.db_table, "id", resident.pk)
    assert raw.split(":")[1] == current_key_id()
    assert decrypt(raw) == number
    assert all(r.id_number for r in Resident.history.all())
