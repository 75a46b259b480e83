"""Stable identifiers: every entity gets a UUID at creation and keeps it for life."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A fresh random UUID in its canonical text form."""
    return str(uuid.uuid4())


def is_uuid(text: str) -> bool:
    """Whether `text` is a UUID in canonical form (as `new_id` writes it)."""
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False
