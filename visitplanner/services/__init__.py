"""Use cases the window and the command line share; each returns a Change."""
