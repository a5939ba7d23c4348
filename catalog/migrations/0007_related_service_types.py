"""Types of related (non-registered) services the catalogue also lists: health, housing,
volunteer and self-help, leisure and education, employment."""

from django.db import migrations

RELATED = [
    "Zdravotní služby",
    "Bydlení",
    "Dobrovolnictví a svépomocné skupiny",
    "Volnočasové a vzdělávací aktivity",
    "Zaměstnávání a pracovní uplatnění",
    "Poradenství a pomoc úřadů",
]


def load(apps, schema_editor):
    ServiceType = apps.get_model("catalog", "ServiceType")
    for order, name in enumerate(RELATED, start=100):
        ServiceType.objects.get_or_create(
            name=name, defaults={"code": "", "category": "related", "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_place_register_key")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
