"""Models of the News and newsletter app."""
