"""Real-browser fixtures: Debian's Chromium driven by Playwright against the demo site.

The demo is loaded once into the test database, outside any transaction, and served by a
live server thread; every browser test reads it (none may change shared data).
"""

import shutil

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.db import connection
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings, setup_databases, teardown_databases

from tests.db_snapshot import on_test_database, restore_migrated_data

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker, tmp_path_factory):
    # One media folder for the demo's images and documents, for the whole session.
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    with django_db_blocker.unblock():
        own_databases = _ensure_test_database()
        restore_migrated_data()
        call_command("load_demo", verbosity=0)
        server = LiveServerThread("127.0.0.1", StaticFilesHandler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            yield f"http://127.0.0.1:{server.port}"
        finally:
            server.terminate()
            _close_server_connections()
            if own_databases is not None:
                teardown_databases(own_databases, verbosity=0)
            media.disable()


def _close_server_connections():
    """A request thread still serving the browser's keep-alive connection when the server
    stops keeps its database session open, and PostgreSQL then refuses to drop the test
    database at the end of the run: end those sessions."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _ensure_test_database():
    """pytest-django creates the test database only when a selected test asks for ``db``;
    when only browser tests run (``pytest -m browser``), create it here."""
    if on_test_database():
        return None
    return setup_databases(verbosity=0, interactive=False, aliases={"default"})


@pytest.fixture(scope="session")
def browser(demo_server):
    # Depends on the server so that it closes first: an open browser keeps connections to
    # the server, whose request threads then keep database sessions.
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, demo_server):
    context = browser.new_context(base_url=demo_server, locale="cs-CZ")
    page = context.new_page()
    yield page
    context.close()


def assert_no_axe_violations(page):
    """Run axe-core (shipped inside axe-playwright-python) on the page; fail on any finding."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, f"{page.url}:\n" + results.generate_report()
