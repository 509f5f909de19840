"""Cross-field rules of the safety ledgers, shared by import and the edit forms (CONTRACT §3).

Each function returns (field, Chinese reason) pairs; field names are both the model's and the
sheet's, so the same pair names a form field or an import column.
"""

import datetime as dt
import re

from xiangzhi.safety.models import DONE_STATUSES

_PHONE = re.compile(r"^[0-9][0-9\-]{6,19}$")


def premises_rules(fields: dict) -> list[tuple[str, str]]:
    if fields.get("phone") and not _PHONE.match(fields["phone"]):
        return [("phone", "联系电话格式不正确")]
    return []


def inspection_rules(fields: dict) -> list[tuple[str, str]]:
    if fields.get("person_times") is not None and fields["person_times"] < 1:
        return [("person_times", "出动人次至少为1")]
    return []


def hazard_rules(fields: dict, found_on: dt.date | None) -> list[tuple[str, str]]:
    """``found_on`` is the date of the hazard's inspection (None when not known yet)."""
    problems = []
    status, rectified_on = fields.get("status"), fields.get("rectified_on")
    if status in DONE_STATUSES and not rectified_on:
        problems.append(("rectified_on", f"{status}的隐患需填写整改完成日期"))
    if found_on is not None:
        if rectified_on and rectified_on < found_on:
            problems.append(("rectified_on", f"整改完成日期不能早于排查日期（{found_on:%Y-%m-%d}）"))
        if fields.get("deadline") and fields["deadline"] < found_on:
            problems.append(("deadline", f"整改期限不能早于排查日期（{found_on:%Y-%m-%d}）"))
    return problems


def inspection_move_rules(
    *,
    new_org_id: int,
    new_date: dt.date | None,
    hazards_org_id: int | None,
    first_dates: list,
    premises_field: str = "premises",
) -> list[tuple[str, str]]:
    """An inspection that has hazards keeps them consistent: same unit, date not after theirs.

    Hazards live where their inspection lives, and the generic edit and import paths cannot
    carry a move on to them, so a move is refused instead of leaving them behind.
    ``first_dates`` are the earliest 整改完成日期 and 整改期限 of its hazards (None when absent).
    """
    problems = []
    if hazards_org_id is not None and hazards_org_id != new_org_id:
        problems.append((premises_field, "该排查已登记隐患，不能改为其他村或网格的场所"))
    earliest = min((d for d in first_dates if d is not None), default=None)
    if new_date and earliest and new_date > earliest:
        problems.append(("inspected_on", f"该排查的隐患有更早的整改期限或完成日期（{earliest:%Y-%m-%d}）"))
    return problems


PREMISES_MOVE_REASON = "该场所已有排查记录，不能改到其他村或网格"
