"""Cross-field rules of the star ledgers, shared by import and the edit forms (CONTRACT §3)."""

import datetime as dt

MIN_YEAR, MAX_YEAR = 2000, 2100


def year_rules(fields: dict) -> list[tuple[str, str]]:
    year = fields.get("year")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return [("year", f"年度应在 {MIN_YEAR}–{MAX_YEAR} 之间")]
    return []


def target_rules(fields: dict) -> list[tuple[str, str]]:
    problems = year_rules(fields)
    share = fields.get("three_plus_share")
    if share is not None and not 0 <= share <= 1:
        problems.append(("three_plus_share", "三星及以上占比应在 0% 到 100% 之间"))
    return problems


def plan_rules(fields: dict) -> list[tuple[str, str]]:
    problems = year_rules(fields)
    if not fields.get("stars"):
        problems.append(("stars", "请至少填写一颗计划创建的星"))
    return problems


def result_rules(fields: dict) -> list[tuple[str, str]]:
    problems = year_rules(fields)
    year, rated_on = fields.get("year"), fields.get("rated_on")
    if year and rated_on and isinstance(rated_on, dt.date) and rated_on.year < year:
        problems.append(("rated_on", "评定日期不能早于该年度"))
    return problems
