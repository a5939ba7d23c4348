"""Project configuration, imported as ``kpss_site`` (see pyproject.toml and README)."""
