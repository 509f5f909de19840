"""Rules of the points ledger, its rules table and redemptions, shared by import, forms and services."""

# Points are small integers; a value past this is a typing error (and would overflow the column).
MAX_POINTS = 100_000


def points_in_range(name: str, value) -> list[tuple[str, str]]:
    if value is not None and abs(value) > MAX_POINTS:
        return [(name, f"分值超出合理范围（绝对值不超过 {MAX_POINTS}）")]
    return []


def entry_rules(fields: dict) -> list[tuple[str, str]]:
    problems = points_in_range("points", fields.get("points"))
    if fields.get("person_name") is not None and not str(fields["person_name"]).strip():
        problems.append(("person_name", "请填写姓名"))
    return problems


def rule_rules(*, item: str, points: int) -> list[tuple[str, str]]:
    problems = points_in_range("points", points)
    if not item.strip():
        problems.append(("item", "请填写积分事项"))
    if points == 0:
        problems.append(("points", "分值不能为 0：加分填正数，扣分填负数"))
    return problems


def redemption_rules(*, person_name: str, item: str, points_spent: int) -> list[tuple[str, str]]:
    problems = []
    if not person_name.strip():
        problems.append(("person_name", "请填写姓名"))
    if not item.strip():
        problems.append(("item", "请填写兑换物品"))
    if points_spent <= 0:
        problems.append(("points_spent", "消耗积分应为正整数"))
    elif points_spent > MAX_POINTS:
        problems.append(("points_spent", f"消耗积分超出合理范围（不超过 {MAX_POINTS}）"))
    return problems
