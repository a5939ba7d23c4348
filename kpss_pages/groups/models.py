"""Models of the Working groups and meetings app."""
