"""Shared fixtures: a site with a home page, the demo site behind a live server, Chromium."""

import os

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from pytest_django.plugin import blocking_manager_key

from tests.db_snapshot import on_test_database, restore_migrated_data
from tests.factories import make_site

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in a thread with a loop unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    # Browser tests share one demo database loaded outside transactions; they run last so
    # that no transactional test flushes it underneath them (see restore_migrated_data).
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot the freshly migrated database: the root page, the default site and the
    vocabularies come from data migrations, and a transactional test's flush removes them."""
    # With only browser tests selected pytest-django sets up no database (none of them asks
    # for ``db``): the browser fixture creates it then, and a snapshot would be meaningless.
    with django_db_blocker.unblock():
        if on_test_database() and not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    # After the fixtures' teardown: a transactional test has just flushed every table.
    # After the last test the test database is already gone: nothing to restore.
    if nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_migrated_data()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _skip_postgres_only(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def home(db):
    """A default site whose root is a fresh HomePage with KpssSettings filled in."""
    return make_site()


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site loaded once per test module, inside a transaction rolled back after the
    module's last test; each test runs in a savepoint within it (as in Django's
    ``TestCase.setUpTestData``), so tests may change demo data freely."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        call_command("load_demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    media.disable()


@pytest.fixture
def demo(_demo_module, db):
    """The demo site (see ``_demo_module``); not for transactional tests."""


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path):
    """Each test writes uploads to its own folder; tests of the demo use the demo's folder
    (browser tests: set for the whole session by the ``demo_server`` fixture)."""
    if request.node.get_closest_marker("browser") or "demo" in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "media"
    yield


@pytest.fixture
def uncached_pages(settings):
    """Every request renders the page (no full-page cache): for tests of rendering cost."""
    settings.KPSS_PAGE_CACHE_SECONDS = 0
