"""Models of the Community plan app."""
