import pytest
from django.db import connection

from .support import Resident

FIELD_KEY_A = "field-key-A-" + "a" * 52
FIELD_KEY_B = "field-key-B-" + "b" * 52
INDEX_KEY_A = "index-key-A-" + "c" * 52
INDEX_KEY_B = "index-key-B-" + "d" * 52


@pytest.fixture(autouse=True)
def pii_keys(settings):
    """Known keys for every test; pytest-django's ``settings`` fires setting_changed, which
    makes ``crypto`` forget the keys it derived."""
    settings.FIELD_ENCRYPTION_KEY = FIELD_KEY_A
    settings.FIELD_ENCRYPTION_OLD_KEYS = []
    settings.BLIND_INDEX_KEY = INDEX_KEY_A
    return settings


@pytest.fixture
def resident_tables(transactional_db):
    models = [Resident, Resident.history.model]
    with connection.schema_editor() as editor:
        for model in models:
            editor.create_model(model)
    yield Resident
    with connection.schema_editor() as editor:
        for model in reversed(models):
            editor.delete_model(model)
