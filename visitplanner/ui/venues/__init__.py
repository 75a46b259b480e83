"""The Venues page: the list of venues, the venue editor and travel times."""
