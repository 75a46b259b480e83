"""What comes in from outside: JSON visits, calendars, roster spreadsheets."""
