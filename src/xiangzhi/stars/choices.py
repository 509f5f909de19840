"""Closed lists of the star campaign. Values are the Chinese labels a ledger cell holds (CONTRACT §3)."""

from django.db import models


class StarName(models.TextChoices):
    """The rural 五星 set (DOMAIN §2.1), in the order the province lists them."""

    BRANCH = "支部过硬星", "支部过硬星"
    INDUSTRY = "产业兴旺星", "产业兴旺星"
    ECOLOGY = "生态宜居星", "生态宜居星"
    SAFETY = "平安法治星", "平安法治星"
    CIVILITY = "文明幸福星", "文明幸福星"


STAR_ORDER = {value: index for index, value in enumerate(StarName.values)}


def canonical_stars(stars) -> list[str]:
    """Distinct star names in the province's order, so a list reads (and compares) the same way
    however the cells were typed."""
    return sorted(set(stars or []), key=lambda star: STAR_ORDER.get(star, len(STAR_ORDER)))


def stars_and_level(stars) -> tuple[list[str], int]:
    """A village's stars as stored and its level, the number of distinct stars (CONTRACT §3): the
    one place the level is derived, for the form (the model's ``clean``) and the import alike."""
    canonical = canonical_stars(stars)
    return canonical, len(canonical)


class IndicatorType(models.TextChoices):
    BOOL = "bool", "达标/未达标"
    NUMBER = "number", "数值"
    SCORE = "score", "评分"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "已自评申报"
    RETURNED = "returned", "已退回"
    TOWN_PASSED = "town_passed", "镇初审通过"
    COUNTY_CONFIRMED = "county_confirmed", "县审核通过"
    IN_NOTICE = "in_notice", "公示中"
    AWARDED = "awarded", "已定星"
    WITHDRAWN = "withdrawn", "已摘星"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "待处理"
    DISMISSED = "dismissed", "异议不成立"
    UPHELD = "upheld", "异议成立"


class VetoKind(models.TextChoices):
    SAFETY_ACCIDENT = "safety_accident", "重大安全事故"
    CRIMINAL_CASE = "criminal_case", "刑事案件"
    PUBLIC_ORDER = "public_order", "重大治安案件"
    DISCIPLINE = "discipline", "村干部严重违纪"
    ENVIRONMENT = "environment", "严重环境问题"
    MANUAL = "manual", "其他（人工决定）"


class TaskStatus(models.TextChoices):
    MET = "met", "已达标"
    NOT_MET = "not_met", "未达标"
    NEEDS_EVIDENCE = "needs_evidence", "需补佐证"
