"""The errors the application expects, each carrying a message fit for the user.

Anything that is not a `VisitPlannerError` is a bug and surfaces as one.
"""

from __future__ import annotations


class VisitPlannerError(Exception):
    """An expected failure with a message the user can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DomainError(VisitPlannerError):
    """A value breaks a rule of the domain (an end before its start, an unknown zone)."""


class NotFoundError(VisitPlannerError):
    """A person, delegation, event or venue named by the user does not exist."""


class AmbiguousNameError(VisitPlannerError):
    """A name given by the user matches more than one thing."""


class StorageError(VisitPlannerError):
    """The visit file cannot be used: locked, read-only, disk full, corrupt."""


class NotAVisitFileError(StorageError):
    """The file is not a visit file (text, random bytes, another SQLite database)."""


class EncryptedVisitError(NotAVisitFileError):
    """The file is encrypted (or random bytes) and no passphrase was given for it."""


class WrongPassphraseError(StorageError):
    """The passphrase given does not open the encrypted file."""


class NewerFileError(StorageError):
    """The file was written by a newer version of VisitPlanner."""


class InputError(VisitPlannerError):
    """Input from outside (a JSON file, a command-line value) is malformed."""


class StaleError(VisitPlannerError):
    """An edit made on a copy that another program has changed since: refused, not merged."""


class HistoryError(VisitPlannerError):
    """Nothing to undo or redo, or a step that can no longer be taken back as it was."""
