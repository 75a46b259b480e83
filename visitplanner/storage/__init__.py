"""The visit file: open, create, migrate and back up SQLite visit files; map rows to the domain."""
