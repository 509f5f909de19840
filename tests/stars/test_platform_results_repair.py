"""The migration that makes a platform year's results what 定星 awarded (issue 14): a result a
village typed for itself before the rule is corrected, with history; earlier years stay."""

import json
from importlib import import_module

import pytest

from tests.stars.factories import make_star_result
from tests.stars.support import simple_document
from xiangzhi.core.models import system_user
from xiangzhi.stars.models import StarApplication, StarResult, StarStandard
from xiangzhi.stars.services.standards import standard_load

pytestmark = pytest.mark.django_db

repair = import_module("xiangzhi.stars.migrations.0004_starstrash_platform_results_from_cycle")
FIVE = ["支部过硬星", "产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"]


def _run() -> int:
    return repair.reconcile(StarResult, StarResult.history.model, StarStandard, StarApplication)


def test_a_self_awarded_platform_year_is_reduced_to_what_was_awarded(world):
    standard = standard_load(
        raw=json.dumps(simple_document(2024)).encode(), org=world.county, acting_user=system_user()
    )
    forged = make_star_result(world.village, year=2024, stars=FIVE)
    StarApplication.objects.create(
        org=world.village, town=world.town, year=2024, star="生态宜居星", standard=standard,
        status="awarded", self_assessment="自评",
    )  # fmt: skip
    earlier = make_star_result(world.village, year=2019, stars=FIVE)

    assert _run() == 1

    forged.refresh_from_db()
    assert (forged.stars, forged.level, forged.version) == (["生态宜居星"], 1, 2)
    latest = forged.history.latest("history_id")
    assert latest.history_change_reason == "按定星结果更正：本平台开展评定的年度，评星结果只来自定星"
    assert latest.stars == ["生态宜居星"]
    earlier.refresh_from_db()
    assert earlier.stars == FIVE
    assert _run() == 0  # a second run finds nothing to correct
