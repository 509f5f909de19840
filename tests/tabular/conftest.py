import pytest

from xiangzhi.core.tabular import Sheet

from .builders import HOUSEHOLDS


@pytest.fixture
def sheet() -> Sheet:
    return HOUSEHOLDS
