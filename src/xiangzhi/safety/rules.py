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
    rechecked_on = fields.get("rechecked_on")
    if rechecked_on and rectified_on and rechecked_on < rectified_on:
        problems.append(("rechecked_on", f"复查日期不能早于整改完成日期（{rectified_on:%Y-%m-%d}）"))
    return problems


RECTIFIER_CLOSES = "销号须由整改登记人以外的人员复查，本人不能为自己登记的整改销号"


def hazard_close_rules(
    *,
    rechecker: str,
    responsible: set[str],
    rectifier_id: int | None,
    rectifier_names: set[str],
    acting_user_id: int | None,
) -> list[tuple[str, str]]:
    """Who may close (销号) a hazard: a 复查人 other than its 整改责任人 and other than the user who
    recorded its rectification, and never that user closing it, whatever name they write.

    ``responsible`` holds the 整改责任人 as stored and as the row names it; ``rectifier_names`` the
    display and log-in names of the user who recorded the rectification (empty when nobody did:
    an imported hazard). The form passes the acting user as ``rechecker``; an import, the 复查人 cell.
    """
    if rectifier_id is not None and rectifier_id == acting_user_id:
        return [("status", RECTIFIER_CLOSES)]
    if not rechecker:
        return [("rechecker", "销号须填写复查人")]
    if rechecker in responsible:
        return [("rechecker", "复查人不能是该隐患的整改责任人")]
    if rechecker in rectifier_names:
        return [("rechecker", "复查人不能是在平台上登记该隐患整改的人员")]
    return []


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
