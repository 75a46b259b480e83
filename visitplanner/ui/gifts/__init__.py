"""The Gifts page: the register of gifts offered and received."""
