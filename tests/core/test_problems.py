"""A rule's problems become one ValidationError that keeps every reason, grouped by field."""

import pytest
from django.core.exceptions import ValidationError

from xiangzhi.core.problems import problems_error, refuse_problems


def test_every_reason_is_kept_by_field_in_order():
    error = problems_error(
        [
            ("resolved_on", "请填写化解日期"),
            ("summary", "请填写简要情况"),
            ("resolved_on", "不能早于登记日期"),
        ]
    )
    assert error.message_dict == {
        "resolved_on": ["请填写化解日期", "不能早于登记日期"],
        "summary": ["请填写简要情况"],
    }


def test_no_problems_refuse_nothing():
    assert refuse_problems([]) is None


def test_problems_are_refused():
    with pytest.raises(ValidationError) as refused:
        refuse_problems([("deadline", "期限不能早于讲评会日期")])
    assert refused.value.message_dict == {"deadline": ["期限不能早于讲评会日期"]}
