"""Rules of the events ledger and of 讲评会 action items, shared by import, forms and services."""

from xiangzhi.core.models import OrgLevel

# PositiveIntegerField holds up to 2**31-1 on every backend; a larger count is a typing error,
# and letting it reach the database would fail the whole import with a database error.
MAX_COUNT = 10_000_000


def event_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    for name, label in (("participants", "参与人数"), ("materials", "发放资料份数")):
        value = fields.get(name)
        if value is not None and value < 0:
            problems.append((name, f"{label}不能为负数"))
        elif value is not None and value > MAX_COUNT:
            problems.append((name, f"{label}超出合理范围"))
    return problems


def action_item_rules(*, event, village, deadline, description: str) -> list[tuple[str, str]]:
    """An action item belongs to a 讲评会 and to a village of the meeting's town."""
    problems = []
    if not event.takes_action_items:
        problems.append(("event", f"只有讲评会可以布置整改事项，该活动为「{event.kind}」"))
    in_town = village is not None and village.path.startswith(event.town.path)
    if not in_town or village.level != OrgLevel.VILLAGE or village.deleted_at is not None:
        problems.append(("village", f"责任村必须是{event.town.name}的村"))
    if not description.strip():
        problems.append(("description", "请填写事项内容"))
    if deadline is not None and deadline < event.held_on:
        problems.append(("deadline", "完成期限不能早于讲评会日期"))
    return problems
