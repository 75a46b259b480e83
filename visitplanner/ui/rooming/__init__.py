"""The Rooming page: who stays in which hotel, in which room, from when to when."""
