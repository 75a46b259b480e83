"""Import and export dialogs: briefing book, calendars, rosters."""
