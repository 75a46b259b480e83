"""The Vehicles page: the convoy and the vehicle editor."""
