"""One-time link tokens: the link carries the token, the database only its SHA-256.

A token is 32 random bytes (secrets.token_urlsafe), so a hash without a salt is enough: nobody
can guess one, and a copy of the database gives no working link."""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
