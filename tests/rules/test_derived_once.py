"""Values derived from others are derived once, the same way on every path."""

import datetime as dt

import pytest

from tests.safety.factories import make_inspection
from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user
from xiangzhi.safety import ledgers as safety_ledgers
from xiangzhi.stars.models import StarPlan

pytestmark = pytest.mark.django_db


def _csv(tmp_path, name: str, lines: list[str]):
    path = tmp_path / f"{name}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_hazard_rules_run_once_per_imported_row_knowing_the_inspection_date(world, tmp_path, monkeypatch):
    make_inspection(world.grid, inspection_no="PC001", inspected_on=dt.date(2023, 7, 14))
    seen = []
    rules = safety_ledgers.hazard_rules

    def counted(fields, found_on):
        seen.append((fields["hazard_no"], found_on))
        return rules(fields, found_on)

    monkeypatch.setattr(safety_ledgers, "hazard_rules", counted)
    path = _csv(
        tmp_path,
        "hazards",
        [
            "隐患编号,排查编号,隐患类别,隐患描述,隐患等级,整改期限,整改状态,整改完成日期",
            "YH1,PC001,电气线路,电线私拉乱接,一般,2023-07-21,已整改,2023-07-18",
            "YH2,PC001,燃气安全,软管老化,一般,2023-07-10,待整改,",
        ],
    )

    report = import_file(get_ledger("hazards"), path, path.name, town=world.town, acting_user=system_user())

    assert seen == [("YH1", dt.date(2023, 7, 14)), ("YH2", dt.date(2023, 7, 14))]
    assert [str(error) for error in report.errors] == [
        "第 3 行 [整改期限] 2023-07-10: 整改期限不能早于排查日期（2023-07-14）"
    ]


def test_a_star_level_is_the_same_from_the_form_and_the_import(world, tmp_path):
    typed = StarPlan(
        org=world.village, town=world.town, year=2023, stars=["生态宜居星", "产业兴旺星", "生态宜居星"]
    )
    typed.full_clean()
    path = _csv(tmp_path, "plans", ["所属村,年度,计划创建星", "村1,2024,生态宜居星、产业兴旺星、生态宜居星"])

    report = import_file(
        get_ledger("star_plans"), path, path.name, town=world.town, acting_user=system_user()
    )

    imported = StarPlan.objects.get(year=2024)
    assert report.ok, report.errors
    assert (typed.stars, typed.level) == (["产业兴旺星", "生态宜居星"], 2)
    assert (imported.stars, imported.level) == (["产业兴旺星", "生态宜居星"], 2)
