"""The window's frame: start, main window, controller, settings, language, lock, crash."""
