"""Demo vocabularies: the municipalities of the fictional ORP and the target-group mapping."""

from .models import Municipality, RegisterTargetGroup, TargetGroup

MUNICIPALITIES = [
    # (name, slug, fictional RÚIAN-style code, partner town)
    ("Ostrov nad Vlčinou", "ostrov-nad-vlcinou", "Obec/999101", True),
    ("Lipník u Vlčiny", "lipnik-u-vlciny", "Obec/999102", True),
    ("Dubová Lhota", "dubova-lhota", "Obec/999103", True),
    ("Kamenná Ves", "kamenna-ves", "Obec/999104", False),
    ("Horní Rybníčky", "horni-rybnicky", "Obec/999105", False),
    ("Vlčinská Lhota", "vlcinska-lhota", "Obec/999106", False),
]

# Broad planning groups → register codes known so far (see catalog/migrations).
TARGET_GROUP_CODES = {
    "seniori": ["CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/30", "CilovaSkupinaOsoby/27"],
    "rodiny-s-detmi": [],
    "osoby-se-zdravotnim-postizenim": [],
    "osoby-ohrozene-socialnim-vyloucenim": [],
}


def load(ctx):
    for order, (name, slug, code, partner) in enumerate(MUNICIPALITIES):
        _, created = Municipality.objects.get_or_create(
            slug=slug, defaults={"name": name, "code": code, "is_partner": partner, "order": order}
        )
        ctx.created += created
    for slug, codes in TARGET_GROUP_CODES.items():
        group = TargetGroup.objects.filter(slug=slug).first()
        if group is None:
            continue
        missing = RegisterTargetGroup.objects.filter(code__in=codes).exclude(planning_groups=group)
        if missing.exists():
            group.register_groups.add(*missing)
            ctx.created += 1
