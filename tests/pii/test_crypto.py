import hashlib
import hmac
import unicodedata

import pytest
from django.core.exceptions import ImproperlyConfigured

from xiangzhi.core.pii import crypto
from xiangzhi.core.pii.crypto import (
    DecryptionError,
    blind_index,
    decrypt,
    encrypt,
    last4,
    needs_reencryption,
    reencrypt,
)

from .conftest import FIELD_KEY_A, FIELD_KEY_B, INDEX_KEY_B
from .support import id_number_ending_in_x, make_id_number


def test_round_trip():
    for value in (make_id_number(), "河南省焦作市宁郭镇某村3组", "x"):
        assert decrypt(encrypt(value)) == value


def test_token_is_versioned_ascii_and_hides_the_value():
    number = make_id_number()
    token = encrypt(number)
    assert token.startswith(f"v1:{crypto.current_key_id()}:")
    assert token.isascii()
    assert number not in token
    assert len(token) == 74


def test_same_plaintext_gives_different_tokens():
    number = make_id_number()
    assert len({encrypt(number) for _ in range(20)}) == 20


def _flip(token: str, position: int) -> str:
    # Not the last character: its low bits are base64 padding, which decoding ignores.
    position %= len(token)
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize("position", [12, 30, -5])
def test_altered_token_raises_a_clear_error(position):
    token = encrypt(make_id_number())
    with pytest.raises(DecryptionError, match="corrupt or was altered"):
        decrypt(_flip(token, position))


def test_truncated_token_raises():
    with pytest.raises(DecryptionError):
        decrypt(encrypt(make_id_number())[:-6])


@pytest.mark.parametrize("value", ["410802198001011234", "", "v1:zz:abc", None])
def test_plaintext_is_not_mistaken_for_a_token(value):
    with pytest.raises(DecryptionError, match="not an encrypted value"):
        decrypt(value)


def test_token_under_an_unconfigured_key_names_the_key(pii_keys):
    token = encrypt(make_id_number())
    kid = crypto.current_key_id()
    pii_keys.FIELD_ENCRYPTION_KEY = FIELD_KEY_B
    with pytest.raises(DecryptionError, match=f"key {kid}.*FIELD_ENCRYPTION_OLD_KEYS"):
        decrypt(token)


def test_old_key_still_decrypts_after_rotation(pii_keys):
    number = make_id_number()
    old_token = encrypt(number)
    pii_keys.FIELD_ENCRYPTION_KEY = FIELD_KEY_B
    pii_keys.FIELD_ENCRYPTION_OLD_KEYS = [FIELD_KEY_A]
    assert decrypt(old_token) == number
    assert needs_reencryption(old_token)
    new_token = reencrypt(old_token)
    assert new_token.split(":")[1] == crypto.current_key_id() != old_token.split(":")[1]
    assert not needs_reencryption(new_token)
    assert reencrypt(new_token) == new_token
    pii_keys.FIELD_ENCRYPTION_OLD_KEYS = []
    assert decrypt(new_token) == number


def test_short_key_is_refused(pii_keys):
    pii_keys.FIELD_ENCRYPTION_KEY = "too-short"
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
        encrypt("x")


def test_blind_index_is_deterministic_and_fixed_length():
    number = make_id_number()
    digest = blind_index(number)
    assert digest == blind_index(number)
    assert len(digest) == 64
    assert int(digest, 16) >= 0
    assert digest != blind_index(make_id_number(seq="124"))


def test_blind_index_is_hmac_sha256_of_the_normalised_value(pii_keys):
    def reference(value: str) -> str:
        normalised = crypto.normalise_for_index(value).encode("utf-8")
        return hmac.new(crypto._index_key(), normalised, hashlib.sha256).hexdigest()

    for value in (make_id_number(), "13912342238", "张三", "x" * 200):
        assert blind_index(value) == reference(value)
    pii_keys.BLIND_INDEX_KEY = INDEX_KEY_B  # a new key is picked up, not the cached states of the old
    assert blind_index("13912342238") == reference("13912342238")


def test_ascii_values_are_normalised_like_any_other():
    def by_character(text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        return "".join(ch for ch in text if not ch.isspace() and ch not in {"-"}).upper()

    for value in (" 4108-02 19800101\t123x\n", "a\x1cb\x0bc", "139-1234-2238", "", "   "):
        assert crypto.normalise_for_index(value) == by_character(value)


def test_blind_index_ignores_how_the_number_was_typed():
    number = id_number_ending_in_x()
    full_width_lower = "".join(chr(ord(ch) + 0xFEE0) for ch in number.lower())
    assert blind_index(f" {number[:6]} {number[6:].lower()} ") == blind_index(number)
    assert blind_index(full_width_lower) == blind_index(number)
    assert blind_index("139-1234-2238") == blind_index("13912342238")


def test_blind_index_depends_on_its_own_key_only(pii_keys):
    number = make_id_number()
    digest = blind_index(number)
    pii_keys.FIELD_ENCRYPTION_KEY = FIELD_KEY_B
    assert blind_index(number) == digest
    pii_keys.BLIND_INDEX_KEY = INDEX_KEY_B
    assert blind_index(number) != digest


def test_blank_values_get_no_index():
    assert blind_index(None) == blind_index("") == blind_index("  ") == ""


def test_last4():
    number = id_number_ending_in_x()
    assert last4(number.lower()) == number[-4:]
    assert last4("139-1234-2238") == "2238"
    assert last4(None) == ""
