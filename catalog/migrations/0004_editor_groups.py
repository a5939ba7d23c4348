"""Groups of the catalogue: provider editors (own providers' services only) and catalogue
staff of the municipality (everything)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROVIDER_EDITORS = "Editoři poskytovatelů"
CATALOG_STAFF = "Správci katalogu"

EDITOR_PERMS = ["add_service", "change_service", "delete_service", "view_service",
                "change_provider", "view_provider"]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors, _ = Group.objects.get_or_create(name=PROVIDER_EDITORS)
    editors.permissions.add(
        access_admin,
        *Permission.objects.filter(content_type__app_label="catalog", codename__in=EDITOR_PERMS),
    )
    staff, _ = Group.objects.get_or_create(name=CATALOG_STAFF)
    staff.permissions.add(
        access_admin, *Permission.objects.filter(content_type__app_label="catalog")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_providers_services"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
