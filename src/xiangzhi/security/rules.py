"""Cross-field rules of the 平安建设 ledgers, shared by import and the edit forms (CONTRACT §3)."""

from xiangzhi.security.models import DisputeStatus

# A village night-patrol team has a handful to a few dozen members; a larger figure is a typo
# (and anything past the column's range would fail in the database instead of on the row).
MAX_TEAM_MEMBERS = 9999


def patrol_rules(fields: dict) -> list[tuple[str, str]]:
    count = fields.get("members_count")
    if count is not None and not 1 <= count <= MAX_TEAM_MEMBERS:
        return [("members_count", f"队员人数应在 1 到 {MAX_TEAM_MEMBERS} 之间")]
    return []


def dispute_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    status, resolved_on = fields.get("status"), fields.get("resolved_on")
    if status == DisputeStatus.RESOLVED and not resolved_on:
        problems.append(("resolved_on", "已化解的纠纷需填写化解日期"))
    registered_on = fields.get("registered_on")
    if resolved_on and registered_on and resolved_on < registered_on:
        problems.append(("resolved_on", "化解日期不能早于登记日期"))
    return problems
