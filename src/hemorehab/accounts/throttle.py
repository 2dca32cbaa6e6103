"""Counting failed logins per client address and per account from an address, in the cache.

- An address that fails `HEMOREHAB_LOGIN_MAX_FAILURES_PER_ADDRESS` times within the lock period
  is refused for that period, whatever account it tries (password guessing across accounts).
- An account that fails `HEMOREHAB_LOGIN_MAX_FAILURES` times from one address is refused from
  that address only: someone else's address cannot lock the owner out.
- An account that fails `HEMOREHAB_LOGIN_MAX_FAILURES_PER_ACCOUNT` times from any addresses is
  locked for everyone (accounts.login; the administrator can unlock it): guessing spread over
  many addresses.

The counters live in Django's cache: the default local-memory cache counts within one server
process; several processes or servers share counts through Redis (`HEMOREHAB_CACHE_URL`).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _window() -> int:
    return 60 * settings.HEMOREHAB_LOGIN_LOCK_MINUTES


def _address_key(ip: str) -> str:
    return f"login-fail:ip:{ip}"


def _account_key(username: str, ip: str) -> str:
    # Hashed: a typed username may hold any character and any length.
    name = hashlib.sha256(username.lower().encode("utf-8", "replace")).hexdigest()[:32]
    return f"login-fail:acct:{name}:{ip}"


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def refused(username: str, ip: str) -> bool:
    """Is this attempt refused before the password is even checked?"""
    if _count(_address_key(ip)) >= settings.HEMOREHAB_LOGIN_MAX_FAILURES_PER_ADDRESS:
        return True
    return _count(_account_key(username, ip)) >= settings.HEMOREHAB_LOGIN_MAX_FAILURES


def failed(username: str, ip: str) -> bool:
    """Count a failure; True when this account is now refused from this address."""
    for key in (_address_key(ip), _account_key(username, ip)):
        cache.add(key, 0, _window())
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, _window())
    return refused(username, ip)


def succeeded(username: str, ip: str) -> None:
    cache.delete(_account_key(username, ip))


def forget_account(username: str, ips) -> None:
    """An administrator unlocked the account: forget its counts from the addresses it used."""
    cache.delete_many([_account_key(username, ip) for ip in ips])
