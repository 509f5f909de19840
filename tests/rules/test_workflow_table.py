"""The hazard cycle as the one table reads it: a service makes its own move, a ledger row may
catch up several moves, and nothing goes back."""

import pytest

from xiangzhi.safety.models import HAZARD_WORKFLOW

# (stored state, new state, the service's action or None for an import row / edit, refusal or None)
MOVES = [
    ("待整改", "整改中", "开始整改", None),
    ("待整改", "已整改", "登记整改完成", None),
    ("整改中", "已整改", "登记整改完成", None),
    ("已整改", "已销号", "复查销号", None),
    ("已整改", "整改中", "复查", None),
    ("已整改", "整改中", "开始整改", "隐患当前为「已整改」，不能开始整改"),
    ("待整改", "已销号", "复查销号", "隐患当前为「待整改」，不能复查销号"),
    ("已销号", "已销号", "复查销号", "隐患当前为「已销号」，不能复查销号"),
    ("待整改", "已销号", None, None),
    ("整改中", "已销号", None, None),
    ("已整改", "整改中", None, None),
    ("已整改", "已整改", None, None),
    ("整改中", "待整改", None, "隐患当前为「整改中」，不能改为「待整改」"),
    ("已整改", "待整改", None, "隐患当前为「已整改」，不能改为「待整改」"),
    ("已销号", "整改中", None, "隐患当前为「已销号」，不能改为「整改中」"),
    ("已销号", "已整改", None, "隐患当前为「已销号」，不能改为「已整改」"),
]


@pytest.mark.parametrize(("before", "after", "action", "refusal"), MOVES)
def test_the_hazard_table(before, after, action, refusal):
    assert HAZARD_WORKFLOW.refusal(before, after, action=action) == refusal
