"""Errors a user can fix: every layer above the core reports them the same way."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix: printed as one line, exit ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status
