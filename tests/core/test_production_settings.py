"""Production settings pass Django's deployment checks and fail fast, in Chinese, when misconfigured.

Settings are read once per process, so each case runs ``xiangzhi`` in a subprocess with its own
environment and a temporary data directory.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

SECRET = "x7Gq-production-test-key-0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0"


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XIANGZHI_", "DJANGO_"))}
    env.pop("SECRET_KEY", None)
    env.pop("ALLOWED_HOSTS", None)
    env.pop("DATABASE_URL", None)
    env.update(XIANGZHI_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def _production(tmp_path, **extra) -> dict:
    return _env(
        tmp_path,
        XIANGZHI_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="xiangzhi.example.gov.cn",
        **extra,
    )


def _xiangzhi(env, *args) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "xiangzhi", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_deploy_passes_with_warnings_as_failures(tmp_path):
    result = _xiangzhi(_production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_settings_would_not_pass_the_deploy_check(tmp_path):
    """The check really checks: the development defaults (no HTTPS settings) fail it."""
    result = _xiangzhi(_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr or "security.W004" in result.stdout


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("SECRET_KEY", "生产环境必须设置环境变量 SECRET_KEY"),
        ("ALLOWED_HOSTS", "必须设置环境变量 ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_required_variable(tmp_path, drop, message):
    env = _production(tmp_path)
    env.pop(drop)
    result = _xiangzhi(env, "check")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_production_never_generates_a_secret_key_file(tmp_path):
    env = _production(tmp_path)
    env.pop("SECRET_KEY")
    _xiangzhi(env, "check")
    assert not (tmp_path / "data" / "secret_key").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [("XIANGZHI_DEBUG", "maybe"), ("XIANGZHI_SESSION_SECONDS", "8h"), ("XIANGZHI_ENV", "prod")],
)
def test_a_malformed_variable_is_named_without_a_traceback(tmp_path, name, value):
    result = _xiangzhi(_env(tmp_path, **{name: value}), "check")
    assert result.returncode == 2
    assert name in result.stderr and "配置错误" in result.stderr
    assert "Traceback" not in result.stderr


_PROBE = textwrap.dedent(
    """
    import json, django
    from django.conf import settings
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="xiangzhi.example.gov.cn")
    plain = client.get("/login/")
    page = client.get("/login/", secure=True)
    css = client.get("/static/xiangzhi/app.css", secure=True)
    print(json.dumps({
        "redirect": [plain.status_code, plain.get("Location")],
        "status": page.status_code,
        "headers": dict(page.headers),
        "cookies": {name: dict(morsel) for name, morsel in page.cookies.items()},
        "css": css.status_code,
        "body": page.content.decode(),
        "session_secure": settings.SESSION_COOKIE_SECURE,
    }))
    """
)


@pytest.fixture(scope="module")
def production_response(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = {**_production(tmp_path), "DJANGO_SETTINGS_MODULE": "xiangzhi.settings"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_http_to_https(production_response):
    status, location = production_response["redirect"]
    assert status == 301
    assert location == "https://xiangzhi.example.gov.cn/login/"


def test_production_sends_hsts_and_security_headers(production_response):
    headers = production_response["headers"]
    assert production_response["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_production_cookies_are_secure_and_http_only(production_response):
    csrf = production_response["cookies"]["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    assert production_response["session_secure"] is True


def test_production_serves_its_own_hashed_static_files(production_response):
    assert production_response["css"] == 200
    body = production_response["body"]
    assert "/static/xiangzhi/app." in body and ".css" in body
    assert "/static/xiangzhi/app.css" not in body  # the manifest's hashed name is used
