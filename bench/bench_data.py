"""Synthetic ledgers in the CONTRACT layout for the import benchmark (not test data, not demo data).

Rows are keyed by the CONTRACT headers and written in the order of each ledger's declaration, so the
file has exactly the layout of ``xiangzhi template``. Values are fictitious
but shaped like real ones: valid GB 11643 ID numbers, Chinese names, date cells, 、-separated lists.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator

from openpyxl import Workbook
from stdnum.cn.ric import calc_check_digit

VILLAGES = [
    "宁郭村", "邱庄村", "东尚村", "大驾村", "黄庄村", "石庄村", "北田塘村", "前进村", "张庄村",
    "桥湾村", "马村", "北官庄村", "大李村", "小李村", "杨梧槚村", "岳梧槚村", "南睢村", "姜毛庄村",
]  # fmt: skip
GRIDS_PER_VILLAGE = 3
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
_CATEGORIES = ["低保户", "特困供养户", "残疾人家庭", "独居老人", "留守儿童家庭", "重病患者家庭", "脱贫监测户"]
_START = dt.date(2021, 1, 4)

Row = dict[str, object]


def grid_name(village: str, number: int) -> str:
    return f"{village}第{number}网格"


def id_number(serial: int) -> str:
    """A unique fictitious 18-character ID number per serial (birth date + sequence), check digit valid."""
    born = dt.date(1940, 1, 1) + dt.timedelta(days=serial // 900)
    body = f"410802{born:%Y%m%d}{100 + serial % 900:03d}"
    return body + calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def household_no(serial: int) -> str:
    return f"NG-{serial:06d}"


def households(n: int, seed: int = 1) -> Iterator[Row]:
    rng = random.Random(seed)
    for serial in range(1, n + 1):
        village = VILLAGES[serial % len(VILLAGES)]
        enrolled = _START + dt.timedelta(days=rng.randrange(700))
        exited = enrolled + dt.timedelta(days=rng.randrange(30, 400)) if rng.random() < 0.1 else None
        yield {
            "户编号": household_no(serial),
            "所属村": village,
            "网格": grid_name(village, 1 + serial % GRIDS_PER_VILLAGE),
            "户主姓名": _name(rng),
            "户主身份证号": id_number(serial),
            "联系电话": f"139{rng.randrange(10**8):08d}",
            "家庭人口": rng.randrange(1, 7),
            "类别": "、".join(rng.sample(_CATEGORIES, rng.choice((1, 1, 2)))),
            "帮扶责任人": _name(rng),
            "纳入日期": enrolled,
            "退出日期": exited,
            "退出原因": "收入稳定，已退出" if exited else None,
        }


def visits(n: int, households_count: int, seed: int = 2) -> Iterator[Row]:
    """``n`` visits spread over ``households_count`` households, one per household and day."""
    rng = random.Random(seed)
    for serial in range(n):
        yield {
            "户编号": household_no(1 + serial % households_count),
            "走访日期": _START + dt.timedelta(days=serial // households_count),
            "走访人": _name(rng),
            "走访方式": rng.choice(("入户走访", "入户走访", "电话回访", "节日慰问")),
            "情况记录": rng.choice(("家中用电安全，已讲解低保政策", "身体状况良好", "协助办理医保报销", "")),
        }


def premises(n: int, seed: int = 3) -> Iterator[Row]:
    rng = random.Random(seed)
    for serial in range(1, n + 1):
        yield {
            "场所编号": f"CS-{serial:06d}",
            "名称": f"{_name(rng)}便利店{serial}",
            "类型": rng.choice(("企业", "九小场所", "其他经营性场所")),
            "细分类": rng.choice(("小餐饮", "小商店", "小作坊", "")),
            "所属村": VILLAGES[serial % len(VILLAGES)],
            "地址": f"{VILLAGES[serial % len(VILLAGES)]}{serial % 90 + 1}号",
            "负责人": _name(rng),
            "联系电话": f"138{rng.randrange(10**8):08d}",
        }


def inspections(n: int, premises_count: int, seed: int = 4) -> Iterator[Row]:
    rng = random.Random(seed)
    for serial in range(1, n + 1):
        yield {
            "排查编号": f"PC-{serial:06d}",
            "场所编号": f"CS-{1 + serial % premises_count:06d}",
            "排查日期": _START + dt.timedelta(days=serial % 700),
            "出动人次": rng.randrange(2, 9),
            "检查人员": f"{_name(rng)}、{_name(rng)}",
        }


def hazards(n: int, inspections_count: int, seed: int = 5) -> Iterator[Row]:
    rng = random.Random(seed)
    for serial in range(1, n + 1):
        found = _START + dt.timedelta(days=(1 + serial % inspections_count) % 700)
        done = rng.random() < 0.8
        yield {
            "隐患编号": f"YH-{serial:06d}",
            "排查编号": f"PC-{1 + serial % inspections_count:06d}",
            "隐患类别": rng.choice(("燃气安全", "电气线路", "消防设施", "安全通道", "其他")),
            "隐患描述": rng.choice(("灭火器过期", "电线私拉乱接", "安全出口堵塞", "燃气软管老化")),
            "隐患等级": "重大" if rng.random() < 0.05 else "一般",
            "整改期限": found + dt.timedelta(days=15),
            "整改责任人": _name(rng),
            "整改状态": "已整改" if done else "待整改",
            "整改完成日期": found + dt.timedelta(days=rng.randrange(1, 15)) if done else None,
        }


def write_xlsx(sheet, rows: Iterator[Row], path) -> int:
    """Write ``rows`` under the sheet's headers with openpyxl's streaming writer; return the count."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet.title[:31])
    headers = [column.header for column in sheet.columns]
    ws.append(headers)
    count = 0
    for row in rows:
        ws.append([row.get(header) for header in headers])
        count += 1
    book.save(path)
    return count


# ledger -> (prerequisite ledgers with their row generators, the generator of the measured rows)
Plan = tuple[list[tuple[str, Callable[[int], Iterator[Row]]]], Callable[[int], Iterator[Row]]]


def plan_for(ledger: str, rows: int) -> Plan:
    if ledger == "households":
        return [], households
    if ledger == "visits":
        count = max(1000, rows // 12)  # a household visited about monthly over a year
        return [("households", lambda _n: households(count))], lambda n: visits(n, count)
    if ledger == "hazards":
        premises_count, inspections_count = max(500, rows // 20), max(1000, rows // 3)
        return [
            ("premises", lambda _n: premises(premises_count)),
            ("inspections", lambda _n: inspections(inspections_count, premises_count)),
        ], lambda n: hazards(n, inspections_count)
    raise SystemExit(f"no generator for ledger {ledger!r}: choose households, visits or hazards")
