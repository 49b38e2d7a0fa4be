"""Index: events in time order and search over sentences."""
