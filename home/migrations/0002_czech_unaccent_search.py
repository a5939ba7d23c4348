"""The `czech_unaccent` search configuration is created by the plugin set now
(kpss_core 0002, the same idempotent SQL), so that a host site without this app has it too.
Kept as an empty step so that existing databases' migration history stays valid."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]
    operations = []
