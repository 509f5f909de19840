"""Fictitious ID numbers and a throw-away model for the personal-data tests.

The model's app label ``pii_tests`` is not installed, so makemigrations never sees it; DB tests
create and drop its tables themselves (``resident_tables`` in conftest.py).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from xiangzhi.core.pii.fields import EncryptedCharField, index_column, last4_column
from xiangzhi.core.pii.idcard import IdNumberValidator
from xiangzhi.core.pii.masking import mask_id

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_digit(body: str) -> str:
    """GB 11643 check digit, computed here independently of python-stdnum."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def make_id_number(area: str = "410802", birth: str = "19800101", seq: str = "123") -> str:
    body = f"{area}{birth}{seq}"
    return body + check_digit(body)


def id_number_ending_in_x() -> str:
    return next(n for n in (make_id_number(seq=f"{s:03d}") for s in range(1000)) if n.endswith("X"))


def with_wrong_check_digit(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


class _Tracked(models.Model):
    # inherit=True, as LedgerModel does: the historical model then lives beside the model.
    history = HistoricalRecords(inherit=True, app="pii_tests")

    class Meta:
        abstract = True
        app_label = "pii_tests"


class Resident(_Tracked):
    scope_field = "org"

    org = models.ForeignKey(
        "core.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField("姓名", max_length=50, blank=True)
    id_number = EncryptedCharField(
        "身份证号",
        max_length=18,
        blank=True,
        null=True,
        validators=[IdNumberValidator()],
        mask=mask_id,
        revealable=True,
    )
    id_number_index = index_column("身份证号索引")
    id_number_last4 = last4_column("身份证号后四位")

    class Meta:
        app_label = "pii_tests"

    def __str__(self) -> str:
        return self.name
