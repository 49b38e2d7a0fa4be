"""Extract: dates, military units and places from a parsed Document."""
