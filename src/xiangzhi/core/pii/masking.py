"""Display masks for personal data (DOMAIN §12.2 rule 3): the one place these formats live.

Lists, exports, reports and 公示 use these; the full value is shown only through
``xiangzhi.core.pii.access.reveal_field``, which logs the view. Every mask accepts ``None``,
numbers and values too short for the format, and then reveals less, never more.
"""

import re
import unicodedata

from xiangzhi.core.pii.idcard import looks_like_id_number

ID_MASK = "*" * 8
# An ID-like run of digits inside free text (a number mis-filed in a 备注 column, an error message).
# \d is any Unicode digit: an ID typed with a full-width keyboard (４１０８…) is an ID number too.
_ID_IN_TEXT = re.compile(r"(?<!\d)\d{17}[\dXxＸｘ](?![\dA-Za-zＡ-Ｚａ-ｚ])|(?<!\d)\d{15}(?!\d)")
_SEPARATORS = {"-", "(", ")", "（", "）", "+", "\u200b", "\ufeff"}


def _clean(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(ch for ch in text if not ch.isspace())


def mask_id(value: object) -> str:
    """``410802********1234``: first 6 and last 4 of an ID number, always 8 asterisks between.

    Anything shorter than an ID number (15 characters, the old format) is masked entirely.
    """
    text = _clean(value).upper()
    if not text:
        return ""
    if len(text) < 15:
        return ID_MASK
    return f"{text[:6]}{ID_MASK}{text[-4:]}"


def mask_ids_in_text(text: str) -> str:
    """Mask every ID-number-looking run of digits inside a longer string."""
    return _ID_IN_TEXT.sub(lambda match: mask_id(match.group(0)), text)


def mask_phone(value: object) -> str:
    """``139****2238`` for an 11-digit mobile (an optional +86 is dropped); else ``****`` + last 4."""
    digits = "".join(ch for ch in _clean(value) if ch not in _SEPARATORS)
    if not digits:
        return ""
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 4:
        return "****"
    return f"****{digits[-4:]}"


def mask_name(value: object) -> str:
    """``张*三`` / ``欧**明`` / ``李*``: first and last character, one asterisk per hidden one."""
    text = _clean(value)
    if len(text) <= 1:
        return "*" if text else ""
    if len(text) == 2:
        return f"{text[0]}*"
    return f"{text[0]}{'*' * (len(text) - 2)}{text[-1]}"


def mask_account(value: object) -> str:
    """``****1234``: bank and 一卡通 account numbers keep only the last 4 (§12.2)."""
    text = "".join(ch for ch in _clean(value) if ch not in _SEPARATORS)
    if not text:
        return ""
    return f"****{text[-4:]}" if len(text) > 4 else "****"


# --- Free text: ID and mobile numbers typed into notes never stay readable ---------------------
#
# A visit note "身份证 110105194912310021" would otherwise be shown in full to every reader of the
# record, its history and its export, with no log. Free-text fields are declared with
# ``free_text(models.TextField(...))``; every save of a ledger record (form, import, service) masks
# them, so the history never holds the number either. Codes and names are not declared: a
# 户编号 of 11 digits starting with 1 is not a phone number.

ID_NUMBER = "身份证号"
MOBILE = "手机号"
# Full-width digits are digits too (a phone keyboard types them). A run touching other letters or
# digits is part of something else (an account number, a code) and is left alone.
_D = "0-9０-９"
_ID_CANDIDATE = re.compile(rf"(?<![{_D}A-Za-z])[{_D}]{{17}}[{_D}XxＸｘ](?![{_D}A-Za-z])")
_MOBILE_CANDIDATE = re.compile(
    rf"(?<![{_D}A-Za-z+])(?:\+?86[ -]?)?[1１][3-9３-９][{_D}]{{9}}(?![{_D}A-Za-z])"
)


def free_text(field):
    """Declare a model field free text: ID and mobile numbers in it are masked when saved."""
    field.free_text = True
    return field


def free_text_fields(model) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields if getattr(field, "free_text", False))


def mask_contacts_in_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with every 18-digit ID number (check digit right or wrong) and mainland mobile
    number masked, and the kinds found (in a fixed order, for the message)."""
    found = []

    def id_number(match) -> str:
        if not _is_id_number(match.group(0)):
            return match.group(0)
        found.append(ID_NUMBER)
        return mask_id(match.group(0))

    def mobile(match) -> str:
        found.append(MOBILE)
        return mask_phone(match.group(0))

    masked = _MOBILE_CANDIDATE.sub(mobile, _ID_CANDIDATE.sub(id_number, text))
    return masked, tuple(kind for kind in (ID_NUMBER, MOBILE) if kind in found)


def _is_id_number(candidate: str) -> bool:
    """An ID number by its shape, province and birth date (``looks_like_id_number``): a random
    18-digit number is left alone, an ID typed with a wrong check digit is masked all the same."""
    return looks_like_id_number(candidate)


def mask_free_text(model, values: dict) -> dict[str, tuple[str, ...]]:
    """Mask the model's free-text fields in ``values`` (field name -> value) in place; returns the
    fields changed with the kinds of number found in each."""
    changed = {}
    for name in free_text_fields(model):
        value = values.get(name)
        if not isinstance(value, str) or not any(ch.isdigit() for ch in value):
            continue
        masked, kinds = mask_contacts_in_text(value)
        if kinds:
            values[name] = masked
            changed[name] = kinds
    return changed


def masked_notice(label: str, kinds: tuple[str, ...]) -> str:
    """「情况记录中的身份证号已隐藏」: what the user is told."""
    return f"{label}中的{'和'.join(kinds)}已隐藏"
