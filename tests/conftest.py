import pytest

from tests.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(client, world):
    """A logged-in test client for a persona name (force_login skips Axes' rate limits)."""

    def login(persona: str):
        client.force_login(world.users[persona])
        return client

    return login


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Password hashing is deliberately slow; tests create many users and prove nothing by it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.XIANGZHI_JOBS = "eager"
