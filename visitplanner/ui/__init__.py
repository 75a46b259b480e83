"""The desktop window: the only package that imports Qt (PySide6)."""

from visitplanner.ui import refcount_guard

# Before any Qt call: see refcount_guard for the defect of the bindings this avoids.
refcount_guard.apply()
