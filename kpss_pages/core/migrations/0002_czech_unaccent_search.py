"""PostgreSQL has no Czech text-search configuration: create `czech_unaccent` (unaccent +
simple) so that `seniori` finds `senioři`. SQLite's FTS5 already folds diacritics."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'czech_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION czech_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION czech_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS czech_unaccent;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("kpss_core", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
