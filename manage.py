#!/usr/bin/env python
"""Django's command-line utility; the configuration package `kpss_site` is the folder site/."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss_site.settings.dev")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Django is not installed here: run the README's first command, or activate .venv."
        ) from exc
    try:
        import kpss_site  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "The project is not installed: run `pip install -e .` (README) so that the folder "
            "site/ is importable as kpss_site."
        ) from exc
    execute_from_command_line(sys.argv)
