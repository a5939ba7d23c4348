"""Default vocabularies: the 34 service types of Act 108/2006 Sb., the forms of provision,
capacity units and the register target-group codes known so far, and the broad planning
target groups. Staff can rename and extend them; an import adds unknown codes unnamed."""

from django.db import migrations

SERVICE_TYPES = [
    # (name, register code or "" where not yet known, category, section of the act)
    ("Odborné sociální poradenství", "DruhSocialniSluzby/1", "counselling", "§ 37"),
    ("Osobní asistence", "DruhSocialniSluzby/3", "care", "§ 39"),
    ("Pečovatelská služba", "DruhSocialniSluzby/4", "care", "§ 40"),
    ("Tísňová péče", "DruhSocialniSluzby/5", "care", "§ 41"),
    ("Průvodcovské a předčitatelské služby", "DruhSocialniSluzby/6", "care", "§ 42"),
    ("Podpora samostatného bydlení", "", "care", "§ 43"),
    ("Odlehčovací služby", "DruhSocialniSluzby/8", "care", "§ 44"),
    ("Centra denních služeb", "DruhSocialniSluzby/9", "care", "§ 45"),
    ("Denní stacionáře", "DruhSocialniSluzby/10", "care", "§ 46"),
    ("Týdenní stacionáře", "DruhSocialniSluzby/11", "care", "§ 47"),
    ("Domovy pro osoby se zdravotním postižením", "DruhSocialniSluzby/12", "care", "§ 48"),
    ("Domovy pro seniory", "DruhSocialniSluzby/13", "care", "§ 49"),
    ("Domovy se zvláštním režimem", "DruhSocialniSluzby/14", "care", "§ 50"),
    ("Chráněné bydlení", "DruhSocialniSluzby/15", "care", "§ 51"),
    ("Sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", "", "care", "§ 52"),
    ("Raná péče", "", "prevention", "§ 54"),
    ("Telefonická krizová pomoc", "DruhSocialniSluzby/18", "prevention", "§ 55"),
    ("Tlumočnické služby", "DruhSocialniSluzby/19", "prevention", "§ 56"),
    ("Azylové domy", "", "prevention", "§ 57"),
    ("Domy na půl cesty", "", "prevention", "§ 58"),
    ("Kontaktní centra", "", "prevention", "§ 59"),
    ("Krizová pomoc", "DruhSocialniSluzby/23", "prevention", "§ 60"),
    ("Nízkoprahová denní centra", "", "prevention", "§ 61"),
    ("Nízkoprahová zařízení pro děti a mládež", "", "prevention", "§ 62"),
    ("Noclehárny", "", "prevention", "§ 63"),
    ("Služby následné péče", "", "prevention", "§ 64"),
    (
        "Sociálně aktivizační služby pro rodiny s dětmi",
        "DruhSocialniSluzby/28",
        "prevention",
        "§ 65",
    ),
    (
        "Sociálně aktivizační služby pro seniory a osoby se zdravotním postižením",
        "DruhSocialniSluzby/29",
        "prevention",
        "§ 66",
    ),
    ("Sociálně terapeutické dílny", "DruhSocialniSluzby/30", "prevention", "§ 67"),
    ("Terapeutické komunity", "", "prevention", "§ 68"),
    ("Terénní programy", "DruhSocialniSluzby/32", "prevention", "§ 69"),
    ("Sociální rehabilitace", "DruhSocialniSluzby/33", "prevention", "§ 70"),
    ("Intervenční centra", "", "prevention", "§ 60a"),
    ("Centrum duševního zdraví", "", "care", ""),
]

FORMS = [
    ("Pobytová", "FormaSocialniSluzby/pob"),
    ("Ambulantní", "FormaSocialniSluzby/amb"),
    ("Terénní", "FormaSocialniSluzby/ter"),
]
CAPACITY_UNITS = [
    ("počet klientů", "TypKapacitySocialniSluzby/klient"),
    ("počet lůžek", "TypKapacitySocialniSluzby/luzka"),
    ("počet intervencí (30 min. jednání)", "TypKapacitySocialniSluzby/interv"),
    ("počet kontaktů (10 min.)", "TypKapacitySocialniSluzby/kontakt"),
    ("počet hovorů", "TypKapacitySocialniSluzby/hovor"),
]
REGISTER_TARGET_GROUPS = [
    ("senioři", "CilovaSkupinaOsoby/24"),
    ("pečující osoby", "CilovaSkupinaOsoby/26"),
    ("osoby s potřebou paliativní péče", "CilovaSkupinaOsoby/27"),
    ("osoby žijící s demencí", "CilovaSkupinaOsoby/30"),
]
PLANNING_TARGET_GROUPS = [
    (
        "Senioři",
        "seniori",
        ["CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/27", "CilovaSkupinaOsoby/30"],
    ),
    ("Rodiny s dětmi", "rodiny-s-detmi", []),
    ("Osoby se zdravotním postižením", "osoby-se-zdravotnim-postizenim", []),
    ("Osoby ohrožené sociálním vyloučením", "osoby-ohrozene-socialnim-vyloucenim", []),
    ("Osoby s duševním onemocněním", "osoby-s-dusevnim-onemocnenim", []),
    ("Cizinci a menšiny", "cizinci-a-mensiny", []),
    ("Pečující osoby", "pecujici-osoby", ["CilovaSkupinaOsoby/26"]),
]


def load(apps, schema_editor):
    ServiceType = apps.get_model("catalog", "ServiceType")
    for order, (name, code, category, section) in enumerate(SERVICE_TYPES):
        ServiceType.objects.get_or_create(
            name=name,
            defaults={"code": code, "category": category, "act_section": section, "order": order},
        )
    for model_name, rows in (
        ("ServiceForm", FORMS),
        ("CapacityUnit", CAPACITY_UNITS),
        ("RegisterTargetGroup", REGISTER_TARGET_GROUPS),
    ):
        model = apps.get_model("catalog", model_name)
        for order, (name, code) in enumerate(rows):
            model.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    TargetGroup = apps.get_model("catalog", "TargetGroup")
    RegisterTargetGroup = apps.get_model("catalog", "RegisterTargetGroup")
    for order, (name, slug, codes) in enumerate(PLANNING_TARGET_GROUPS):
        group, _ = TargetGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
        group.register_groups.add(*RegisterTargetGroup.objects.filter(code__in=codes))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
