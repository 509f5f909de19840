import pytest


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Uploaded files of browser imports go to a data dir of the test's own."""
    settings.DATA_DIR = tmp_path / "data"
