"""The Contacts page: the emergency contacts and the distribution list of numbered copies."""
