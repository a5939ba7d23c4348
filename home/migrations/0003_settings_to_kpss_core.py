"""Site settings moved to the plugin set (kpss_core.KpssSettings): copy every site's values
before the old model is removed, so nothing an editor entered is lost."""

from django.db import migrations

FIELDS = [
    "municipality_name",
    "orp_name",
    "logo_id",
    "coordinator_name",
    "coordinator_role",
    "coordinator_email",
    "coordinator_phone",
    "office_address",
    "social_links",
    "accessibility_page_id",
]


def copy(apps, schema_editor):
    old = apps.get_model("home", "SiteSettings")
    new = apps.get_model("kpss_core", "KpssSettings")
    for row in old.objects.all():
        values = {name: getattr(row, name) for name in FIELDS}
        new.objects.update_or_create(site_id=row.site_id, defaults=values)


def copy_back(apps, schema_editor):
    old = apps.get_model("home", "SiteSettings")
    new = apps.get_model("kpss_core", "KpssSettings")
    for row in new.objects.all():
        values = {name: getattr(row, name) for name in FIELDS}
        old.objects.update_or_create(site_id=row.site_id, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_czech_unaccent_search"), ("kpss_core", "0001_initial")]
    operations = [migrations.RunPython(copy, copy_back)]
