"""The Versions page: programme versions issued and what changed since."""
