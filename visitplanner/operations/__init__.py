"""Every write to a visit: operations that return what they changed, journaled and undoable.

The window and the command line share these; nothing else writes to a visit file.
"""
