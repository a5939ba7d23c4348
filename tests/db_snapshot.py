"""Restore what the migrations put in the test database after a transactional test's flush."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

# Imported by tests/conftest.py before any database is set up: the name of the real one.
_ORIGINAL_NAME = connection.settings_dict["NAME"]


def on_test_database():
    """Whether the default connection already points at a test database (pytest-django sets
    one up only when a selected test asks for the database)."""
    return connection.settings_dict["NAME"] != _ORIGINAL_NAME


def restore_migrated_data():
    """Reload the post-migration snapshot into an emptied database (and reset sequences,
    which the flush restarted, so new rows do not collide with the reloaded ones)."""
    from wagtail.models import Page

    snapshot = getattr(connection, "_test_serialized_contents", None)
    if not snapshot or Page.objects.filter(depth=1).exists():
        return
    # The flush re-ran post_migrate, which recreated content types and permissions with
    # other ids than in the snapshot: empty the tables again without it, then reload.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()  # ids cached before the flush are stale now
    sql = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
