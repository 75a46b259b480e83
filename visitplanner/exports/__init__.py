"""What leaves the application: JSON, calendars, briefing books, rosters."""
