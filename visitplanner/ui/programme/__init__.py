"""The Programme page: the timeline, the list of events and the event editor."""
