"""Strict helpers that read settings from the environment and fail fast on bad values.

Messages are in Chinese: the people who install xiangzhi in a township office read them.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"必须设置环境变量 {name}")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 应为 1/0 或 true/false，实际为 {raw!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，实际为 {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"环境变量 {name} 应不小于 {minimum}，实际为 {value}")
    return value


def env_list(name: str, default: str | None = "") -> list[str]:
    """A comma list; ``default=None`` makes the variable required (and refuses an empty list)."""
    items = [item.strip() for item in env_str(name, default).split(",") if item.strip()]
    if default is None and not items:
        raise ImproperlyConfigured(f"环境变量 {name} 至少要列出一项（用逗号分隔）")
    return items


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"环境变量 {name} 应为 {' / '.join(choices)} 之一，实际为 {value!r}")
    return value


def secret_from_env_or_file(name: str, data_dir: Path, filename: str, *, generate: bool) -> str:
    """Return the secret in ``name``; otherwise read it from (or create it in) the data dir.

    Generated secrets live beside the database, never in git: losing the field key would make
    encrypted personal data unreadable, so the file is created once and only read afterwards.
    """
    value = os.environ.get(name)
    if value:
        return value
    path = data_dir / filename
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    if not generate:
        raise ImproperlyConfigured(f"生产环境必须设置环境变量 {name}（或提供文件 {path}）")
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value
