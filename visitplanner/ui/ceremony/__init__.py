"""The Ceremony page: a ceremony's ground plan, its wreaths and running order, its checks."""
