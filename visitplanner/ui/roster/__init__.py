"""The Roster page: delegations and people, and their editors."""
