"""VisitPlanner: plan official delegation visits offline."""

__version__ = "0.1.0"
