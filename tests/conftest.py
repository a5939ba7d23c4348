"""Shared fixtures: a site with a home page, the demo site behind a live server, Chromium."""

import os

import pytest
from django.db import connection

from tests.factories import make_site

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in a thread with a loop unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    # Browser tests share one demo database loaded outside transactions; they run last so
    # that no transactional test flushes it underneath them.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def _skip_postgres_only(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def home(db):
    """A default site whose root is a fresh HomePage with SiteSettings filled in."""
    return make_site()


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path):
    """Each test writes uploads to its own folder; browser tests share the demo's (set for
    the whole session by the ``demo_server`` fixture)."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
