"""Map tools as state machines fed plain map events (no Qt): drawing, editing, selecting."""
