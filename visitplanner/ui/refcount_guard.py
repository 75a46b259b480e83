"""Keep PySide6 6.12 on Python 3.11 from killing the process after a few thousand calls.

The PySide6 6.12.0 wheels return `None` from every void method (setEnabled,
setText ...) and `True` from `Signal.emit` without taking the reference they
give away. Python 3.12 and later make these objects immortal, so nothing
happens there; on Python 3.11 each call drops their reference count by one,
and after some five thousand calls the interpreter aborts with "Fatal Python
error: none_dealloc" (or bool_dealloc), in the middle of a session.

Until the bindings are fixed, the window raises the reference counts of
None, True and False far out of reach once, at start-up: the same remedy
Python 3.12 applies to them. tests/ui/test_refcount_guard.py shows the defect
and tells when this module can go.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Final

log = logging.getLogger(__name__)

#: Far more calls than a session makes: a million per second for twelve days.
_MARGIN: Final = 1 << 40

_applied = False


def _counter(obj: object) -> ctypes.c_ssize_t:
    # In a release build of CPython an object starts with its reference count.
    return ctypes.c_ssize_t.from_address(id(obj))


def needed() -> bool:
    """Whether this interpreter counts references to None, True and False at all."""
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "gettotalrefcount")  # a debug build lays objects out differently
    )


def apply() -> bool:
    """Raise the reference counts of None, True and False once; True when done now or before."""
    global _applied
    if _applied:
        return True
    if not needed():
        return False
    for singleton in (None, True, False):
        before = sys.getrefcount(singleton)
        _counter(singleton).value += _MARGIN
        # Other code takes and drops references meanwhile: compare loosely.
        if sys.getrefcount(singleton) < before + _MARGIN // 2:  # not the layout expected: undo
            _counter(singleton).value -= _MARGIN
            log.warning("could not protect %r from the bindings' reference-count defect", singleton)
            return False
    _applied = True
    return True
