"""Widgets, models and bases shared by the pages."""
