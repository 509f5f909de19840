"""Cross-field rules of the projects ledger, shared by import and the edit form (CONTRACT §3)."""

from decimal import Decimal

from xiangzhi.projects.models import ProjectStatus

_CENT = Decimal("0.01")
# Below this a difference from the rounded value is float noise from an Excel formula cell.
_NOISE = Decimal("1e-9")


def tidy_decimal(value: Decimal | None) -> Decimal | None:
    """Drop float noise (3.3000000000000003 from a formula) so that the value fits two places."""
    if value is None:
        return None
    rounded = value.quantize(_CENT)
    return rounded if abs(value - rounded) < _NOISE else value


def amount_problem(value: Decimal | None, *, places: int = 2, digits: int = 12) -> str | None:
    """Why a non-negative amount does not fit a DecimalField(digits, places), or None."""
    if value is None:
        return None
    if value < 0:
        return "不能为负数"
    if value.as_tuple().exponent < -places:
        return f"最多保留 {places} 位小数"
    if value >= Decimal(10) ** (digits - places):
        return "数值过大"
    return None


def project_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    status, started_on, completed_on = (
        fields.get("status"),
        fields.get("started_on"),
        fields.get("completed_on"),
    )
    if status == ProjectStatus.COMPLETED and not completed_on:
        problems.append(("completed_on", "已完工的项目需填写完工日期"))
    if started_on and completed_on and completed_on < started_on:
        problems.append(("completed_on", "完工日期不能早于开工日期"))
    for name in ("length_m", "investment_wan"):
        problem = amount_problem(fields.get(name))
        if problem:
            problems.append((name, problem))
    return problems
