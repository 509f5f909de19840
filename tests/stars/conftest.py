import json

import pytest

from tests.stars.factories import make_star_plan
from tests.stars.support import simple_document
from xiangzhi.core.models import system_user
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.services.standards import standard_load
from xiangzhi.stars.standards import EXAMPLE_2023


@pytest.fixture
def example_standard(db):
    """The shipped example standard (2023), in force everywhere."""
    return standard_load(raw=EXAMPLE_2023.read_bytes(), org=None, acting_user=system_user())


@pytest.fixture
def town_example_standard(world):
    """The example standard issued by 宁郭镇 itself, so its town admin may edit it."""
    return standard_load(raw=EXAMPLE_2023.read_bytes(), org=world.town, acting_user=system_user())


@pytest.fixture
def simple_standard(db):
    return standard_load(raw=json.dumps(simple_document()).encode(), org=None, acting_user=system_user())


@pytest.fixture
def full_plan(world):
    """桥湾村 plans all five stars for 2023."""
    return make_star_plan(world.village, year=2023, stars=list(StarName.values))
