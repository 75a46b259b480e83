"""The Seating page: a meal's tables and seats."""
