"""Settings from environment variables, parsed strictly.

Every setting of hemorehab comes from the environment. A value that cannot be parsed is an
error that names the variable and what is allowed; nothing falls back silently. Secrets may be
given in a file named by `NAME_FILE` instead of `NAME` (for container secrets).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

BOOLEANS = {"true": True, "false": False}
ENVIRONMENTS = ("development", "production")


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def env_str(name: str, default: str | None = None, env: dict[str, str] | None = None) -> str | None:
    env = os.environ if env is None else env
    if f"{name}_FILE" in env:
        path = Path(env[f"{name}_FILE"])
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {path}: {exc.strerror}") from exc
    value = env.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool, env: dict[str, str] | None = None) -> bool:
    raw = env_str(name, None, env)
    if raw is None:
        return default
    if raw not in BOOLEANS:
        raise ConfigError(f"{name}: {raw!r} is not allowed; use true or false")
    return BOOLEANS[raw]


def env_int(name: str, default: int, low: int, high: int, env: dict[str, str] | None = None) -> int:
    raw = env_str(name, None, env)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}: {raw!r} is not a whole number") from exc
    if not low <= value <= high:
        raise ConfigError(f"{name}: {value} is outside {low}-{high}")
    return value


def env_list(name: str, env: dict[str, str] | None = None) -> list[str]:
    raw = env_str(name, None, env)
    if raw is None:
        return []
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_time_zone(name: str, default: str, env: dict[str, str] | None = None) -> str:
    value = env_str(name, default, env) or default
    if value not in zoneinfo.available_timezones():
        raise ConfigError(f"{name}: {value!r} is not an IANA time zone such as Asia/Shanghai")
    return value


def parse_database_url(url: str) -> dict[str, object]:
    """`sqlite:///path` or `postgres://user:pass@host:port/name` as a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        # sqlite:///var/db.sqlite3 is relative to the working directory, sqlite:////srv/db absolute.
        name = Path(path[1:])
        if not path[1:]:
            raise ConfigError(
                "DATABASE_URL: a sqlite URL needs a file, e.g. sqlite:///var/db.sqlite3"
            )
        return sqlite_database(name if name.is_absolute() else Path.cwd() / name)
    if parts.scheme in ("postgres", "postgresql"):
        if not parts.path.strip("/"):
            raise ConfigError("DATABASE_URL: a postgres URL needs a database name after the host")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.strip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "ATOMIC_REQUESTS": False,
        }
    raise ConfigError(
        f"DATABASE_URL: scheme {parts.scheme!r} is not supported; use sqlite:/// or postgres://"
    )


def proxy_ssl_header(name: str | None) -> tuple[str, str] | None:
    """`X-Forwarded-Proto` -> ("HTTP_X_FORWARDED_PROTO", "https"), as Django expects it."""
    if not name:
        return None
    if not all(c.isalnum() or c == "-" for c in name):
        raise ConfigError(f"HEMOREHAB_PROXY_SSL_HEADER: {name!r} is not a header name")
    return ("HTTP_" + name.upper().replace("-", "_"), "https")


def parse_cache_url(url: str | None) -> dict[str, object]:
    """Unset: local memory (one process). `redis://host:6379/0`: Redis, shared by processes."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = urlsplit(url).scheme
    if scheme not in ("redis", "rediss"):
        raise ConfigError(f"HEMOREHAB_CACHE_URL: scheme {scheme!r} is not supported; use redis://")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def owner_only_file(path: Path) -> None:
    """Create the file readable and writable by its owner only, if it does not exist yet (SQLite
    then keeps the mode for its -wal and -shm files)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def sqlite_database(path: Path) -> dict[str, object]:
    """SQLite tuned for a clinic: WAL, foreign keys, busy timeout, immediate write transactions."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


def development_secret_key(var_dir: Path) -> str:
    """Generate the development secret key once and keep it in var/ (never in the repository)."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


@dataclass(frozen=True)
class ProductionProblem:
    variable: str
    message: str


def production_problems(env: dict[str, str] | None = None) -> list[ProductionProblem]:
    """What stops a production start: the missing variables, in words."""
    needed = {
        "DATABASE_URL": "the database to use, e.g. postgres://hemorehab@db/hemorehab",
        "SECRET_KEY": "a long random secret (or SECRET_KEY_FILE naming a file holding it)",
        "ALLOWED_HOSTS": "the host names this server answers to, comma separated",
    }
    problems = []
    for name, what in needed.items():
        if not env_str(name, None, env):
            problems.append(ProductionProblem(name, f"{name} is not set: it must name {what}"))
    key = env_str("SECRET_KEY", None, env)
    if key and len(key) < 40:
        problems.append(ProductionProblem("SECRET_KEY", "SECRET_KEY is shorter than 40 characters"))
    return problems


def environment(env: dict[str, str] | None = None) -> str:
    value = env_str("HEMOREHAB_ENV", "development", env) or "development"
    if value not in ENVIRONMENTS:
        raise ConfigError(f"HEMOREHAB_ENV: {value!r} is not allowed; use development or production")
    return value
