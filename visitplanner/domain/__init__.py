"""The pure-Python core: what a visit holds and the rules about it (no Qt, no SQL)."""
