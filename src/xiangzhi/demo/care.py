"""六帮六助 demo: the register of difficult and special households, monthly visits, problems, 实事.

Article figures (2023): 57 households / 168 persons in the register, 45 problems solved, 10 实事.
The register holds 60 households, of which 3 left in spring 2023 (台账动态更新): 57 remain at the
end of 2023. Visits are monthly, January to June 2023 (the demo stands at mid-2023, like the
article). 47 problems were raised, 45 solved — 23 of them the summer-harvest (夏收) problems of
big grain growers and poor households — and 2 are still being handled.
"""

import datetime as dt

from xiangzhi.care.models import Household, HouseholdCategory, Matter, Member, Problem, ProblemStatus, Visit
from xiangzhi.core.pii.fields import fill_companions
from xiangzhi.demo.common import Place, bulk, id_number, person_name, spread

YEAR_START, DEMO_DAY = dt.date(2023, 1, 1), dt.date(2023, 6, 30)

# Household sizes of the 57 households still in the register: 4×1 + 15×2 + 21×3 + 14×4 + 3×5 = 168.
REGISTER_SIZES = [1] * 4 + [2] * 15 + [3] * 21 + [4] * 14 + [5] * 3
# The three households that left the register in 2023, and why.
EXITS = [
    (dt.date(2023, 3, 15), "家庭收入稳定，经评议退出", 3),
    (dt.date(2023, 4, 20), "户主去世，家庭成员随子女迁出", 1),
    (dt.date(2023, 5, 28), "子女就业，达到退出标准", 4),
]
CATEGORY_SETS = [
    [HouseholdCategory.DIBAO],
    [HouseholdCategory.ELDERLY_ALONE],
    [HouseholdCategory.DIBAO, HouseholdCategory.DISABLED],
    [HouseholdCategory.SERIOUS_ILLNESS],
    [HouseholdCategory.LEFT_BEHIND],
    [HouseholdCategory.TEKUN],
    [HouseholdCategory.MONITORED],
    [HouseholdCategory.DISABLED],
]
PROBLEMS = [
    ("住房", "房屋漏雨，需维修屋顶"),
    ("医疗", "慢性病门诊报销手续不清楚"),
    ("就学", "子女入学需办理资助手续"),
    ("生活", "冬季取暖设施老化"),
    ("就业", "家庭成员希望就近务工"),
    ("用水", "自来水管冻裂"),
    ("用电", "室内线路老化存在隐患"),
]
HARVEST_PROBLEMS = 23  # 夏收 急难愁盼 problems solved for big grain growers and poor households
MATTERS = [
    "为独居老人安装紧急呼叫器",
    "修缮困难户危旧房屋",
    "协调解决小麦收割机械",
    "疏通背街小巷排水沟",
    "为留守儿童开展暑期托管",
    "帮助困难户申请临时救助",
    "为残疾人家庭改造无障碍设施",
    "组织义诊进村",
    "帮助脱贫监测户销售农产品",
    "维修村内路灯",
]


def load(place: Place) -> None:
    households = bulk(Household, list(_households(place)))
    bulk(Member, list(_members(place, households)))
    bulk(Visit, list(_visits(place, households)))
    bulk(Problem, list(_problems(place, households)))
    bulk(Matter, [_matter(place, index, name) for index, name in enumerate(MATTERS)])


def _sizes() -> list[tuple[int, tuple | None]]:
    """(size, exit) per household: the register spread over the villages, the leavers among them."""
    rows = [(size, None) for size in REGISTER_SIZES]
    for position, leaver in zip((11, 29, 47), EXITS, strict=True):
        rows.insert(position, (leaver[2], leaver))
    return rows


def _households(place: Place):
    for index, (size, leaver) in enumerate(_sizes()):
        village = place.cycle(index)
        # Most households were enrolled in 2021–2022; every tenth joined the register in 2023.
        enrolled = (
            spread(dt.date(2023, 1, 10), dt.date(2023, 5, 10), index // 10, 6)
            if index % 10 == 7
            else (spread(dt.date(2021, 3, 1), dt.date(2022, 11, 30), index, 60))
        )
        household = Household(
            org=place.grid(village, index),
            town=place.town,
            household_no=f"NG-{index + 1:03d}",
            head_name=person_name(index),
            head_id_number=id_number(index, dt.date(1940 + index % 45, 1 + index % 12, 1 + index % 28)),
            size=size,
            categories=CATEGORY_SETS[index % len(CATEGORY_SETS)],
            helper=f"{person_name(500 + index % 12)}（网格员）",
            enrolled_on=enrolled,
            exited_on=leaver[0] if leaver else None,
            exit_reason=leaver[1] if leaver else "",
        )
        fill_companions(household, "head_id_number")
        yield household


def _members(place: Place, households):
    """One member record per person: the head, then spouse and children or grandchildren."""
    serial = 100
    for household in households:
        for position in range(household.size):
            if position == 0:
                name, number, relation = household.head_name, household.head_id_number, "户主"
            else:
                serial += 1
                born = dt.date(1950 + serial % 60, 1 + serial % 12, 1 + serial % 28)
                name, number = person_name(serial), id_number(serial, born)
                relation = "配偶" if position == 1 else "子女"
            member = Member(
                household=household,
                org=household.org,
                town=place.town,
                name=name,
                id_number=number,
                relation=relation,
            )
            fill_companions(member, "id_number")
            yield member


def _visits(place: Place, households):
    """每月走访: every household in the register is visited once a month (January–June 2023)."""
    for index, household in enumerate(households):
        for month in range(1, 7):
            day = dt.date(2023, month, 5 + index % 20)
            registered = household.enrolled_on <= day and (
                household.exited_on is None or day < household.exited_on
            )
            if registered:
                yield Visit(
                    household=household,
                    org=household.org,
                    town=place.town,
                    visited_on=day,
                    visitor=household.helper.removesuffix("（网格员）"),
                    method="节日慰问" if month == 1 else "入户走访",
                    notes="了解生活情况，检查水电气安全",
                )


def _problems(place: Place, households):
    for index in range(47):
        household = households[(index * 7) % len(households)]
        harvest = index < HARVEST_PROBLEMS
        raised = (
            spread(dt.date(2023, 5, 25), dt.date(2023, 6, 10), index, HARVEST_PROBLEMS)
            if harvest
            else (spread(dt.date(2023, 1, 9), dt.date(2023, 6, 20), index - HARVEST_PROBLEMS, 24))
        )
        category, description = (
            ("夏收", "小麦收割缺少机械和人手") if harvest else PROBLEMS[index % len(PROBLEMS)]
        )
        solved = index < 45
        yield Problem(
            problem_no=f"WT-2023-{index + 1:03d}",
            household=household,
            org=household.org,
            town=place.town,
            raised_on=raised,
            category=category,
            description=description,
            status=ProblemStatus.RESOLVED if solved else ProblemStatus.IN_PROGRESS,
            resolved_on=min(raised + dt.timedelta(days=3 + index % 9), DEMO_DAY) if solved else None,
            result="已协调解决并回访" if solved else "",
        )


def _matter(place: Place, index: int, name: str) -> Matter:
    org = place.town if index % 4 == 0 else place.cycle(index * 5)
    return Matter(
        matter_no=f"SS-2023-{index + 1:02d}",
        org=org,
        town=place.town,
        name=name,
        completed_on=spread(dt.date(2023, 1, 20), dt.date(2023, 6, 28), index, len(MATTERS)),
        beneficiaries=3 + index * 2,
    )
