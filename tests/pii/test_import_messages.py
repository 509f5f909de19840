"""A rejected personal value is named in the import's error message by its mask, as the model
field declares it: the message reaches the import page, the error workbook and the command line."""

import pytest

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("1391234567x", "第 2 行 [联系电话] 139****567x: 联系电话格式不正确"),  # a rule of the ledger
        ("1391234567813912345678", "第 2 行 [联系电话] ****5678: "),  # too long for the column
    ],
)
def test_a_rejected_household_phone_is_shown_masked(world, tmp_path, phone, message):
    path = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(联系电话=phone)])

    result = import_cli("households", path)

    assert result.code == 1
    assert message in result.err
    assert phone not in result.err and phone[:10] not in result.err
