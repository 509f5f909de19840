""".env.example documents every environment variable the code reads, and only those."""

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from xiangzhi import env

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "xiangzhi"
HELPERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice", "secret_from_env_or_file"}


def _variables_read() -> dict[str, str]:
    """Every variable name passed to a strict env helper anywhere in the package → the file."""
    found = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0]
            if name in HELPERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found[first.value] = str(path.relative_to(ROOT))
    return found


def _variables_documented() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, re.M))


def test_the_settings_are_found_by_the_scan():
    read = _variables_read()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "XIANGZHI_ENV", "XIANGZHI_DATA_DIR"} <= set(read)
    assert read["DATABASE_URL"] == "src/xiangzhi/settings.py"


def test_every_variable_read_is_documented_in_env_example():
    missing = {
        name: where for name, where in _variables_read().items() if name not in _variables_documented()
    }
    assert not missing, f"add these to .env.example: {missing}"


def test_env_example_documents_no_variable_that_nothing_reads():
    stale = _variables_documented() - set(_variables_read())
    assert not stale, f"nothing reads these .env.example entries: {sorted(stale)}"


def test_no_module_reads_the_environment_around_the_strict_helpers():
    """A bare os.environ read would escape both the fail-fast checks and this documentation test."""
    offenders = []
    for path in SOURCE.rglob("*.py"):
        if path.name in ("env.py", "__main__.py", "wsgi.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ|os\.getenv", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


@pytest.mark.parametrize(
    ("helper", "raw"),
    [(env.env_bool, "perhaps"), (env.env_int, "12x"), (lambda n, d: env.env_choice(n, ("a", "b"), d), "c")],
)
def test_strict_helpers_fail_fast_on_bad_values(monkeypatch, helper, raw):
    monkeypatch.setenv("XIANGZHI_TEST_VALUE", raw)
    with pytest.raises(ImproperlyConfigured, match="XIANGZHI_TEST_VALUE"):
        helper("XIANGZHI_TEST_VALUE", "a")


def test_a_required_list_refuses_an_empty_value(monkeypatch):
    monkeypatch.setenv("XIANGZHI_TEST_VALUE", " , ")
    with pytest.raises(ImproperlyConfigured, match="至少要列出一项"):
        env.env_list("XIANGZHI_TEST_VALUE", None)


def test_lists_are_split_on_commas_and_trimmed(monkeypatch):
    monkeypatch.setenv("XIANGZHI_TEST_VALUE", " a.example , b.example,")
    assert env.env_list("XIANGZHI_TEST_VALUE") == ["a.example", "b.example"]


def test_generated_secrets_are_created_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("XIANGZHI_TEST_SECRET", raising=False)
    first = env.secret_from_env_or_file("XIANGZHI_TEST_SECRET", tmp_path, "test_key", generate=True)
    again = env.secret_from_env_or_file("XIANGZHI_TEST_SECRET", tmp_path, "test_key", generate=True)
    assert first == again and len(first) >= 50
    assert (tmp_path / "test_key").stat().st_mode & 0o077 == 0


def test_an_integer_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("XIANGZHI_TEST_VALUE", "0")
    with pytest.raises(ImproperlyConfigured, match="环境变量 XIANGZHI_TEST_VALUE 应不小于 1，实际为 0"):
        env.env_int("XIANGZHI_TEST_VALUE", 2, minimum=1)
    monkeypatch.setenv("XIANGZHI_TEST_VALUE", "3")
    assert env.env_int("XIANGZHI_TEST_VALUE", 2, minimum=1) == 3
