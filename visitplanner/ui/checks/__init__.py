"""The Checks page: the findings of the plan checks."""
