"""Demo catalogue: municipalities of the fictional ORP, providers, 40+ services with places,
contacts and tags, a provider editor account and the catalogue page. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.search import index

from catalog.models import (
    CapacityUnit,
    CatalogPage,
    Municipality,
    Provider,
    RegisterTargetGroup,
    Service,
    ServiceContact,
    ServiceForm,
    ServicePlace,
    ServiceType,
    TargetGroup,
)
from catalog.models.validators import ico_is_valid

from .catalog_data import PROVIDERS, SERVICES
from .utils import ensure_page, rich

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
POSTCODES = {
    "ostrov-nad-vlcinou": "59901",
    "lipnik-u-vlciny": "59903",
    "dubova-lhota": "59905",
    "kamenna-ves": "59906",
    "horni-rybnicky": "59907",
    "vlcinska-lhota": "59908",
}
PROVIDER_EDITOR = ("charita", "kpss-demo")  # demo login of a provider editor (Charita)
TODAY = datetime.date(2026, 9, 15)  # fixed so that a second run changes nothing


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
    providers = {key: _provider(ctx, key, *row) for key, row in PROVIDERS.items()}
    towns = {m.slug: m for m in Municipality.objects.all()}
    for number, row in enumerate(SERVICES):
        _service(ctx, number, row, providers, towns)
    _provider_editor(ctx, providers["charita"])
    _link_sign_language_video(ctx)
    if ctx.home is not None:
        ensure_page(
            ctx,
            ctx.home,
            CatalogPage,
            "katalog-sluzeb",
            title="Katalog sociálních služeb",
            show_in_menus=True,
            intro=rich(
                "Sociální a návazné služby v ORP Ostrov nad Vlčinou na jednom místě. Vyberte, "
                "pro koho pomoc hledáte, nebo napište, co potřebujete. Katalog je ke stažení "
                "i v PDF k tisku."
            ),
        )


def _ico(seed):
    base = f"{seed:07d}"
    return next(base + str(d) for d in range(10) if ico_is_valid(base + str(d)))


def _provider(ctx, key, name, legal_form, ico_seed, street, town, host):
    provider, created = Provider.objects.get_or_create(
        ico=_ico(ico_seed),
        defaults={
            "name": name,
            "legal_form": legal_form,
            "street": street,
            "city": town,
            "postcode": "59901",
            "web": f"https://www.{host}.example",
            "email": f"info@{host}.example",
            "phone": f"+420 555 000 {100 + ico_seed % 100:03d}",
        },
    )
    ctx.created += created
    return provider


def _service(ctx, number, row, providers, towns):
    (
        name,
        type_name,
        provider_key,
        forms,
        register_groups,
        groups,
        served,
        tags,
        places,
        capacity,
        description,
        how_to_apply,
        fees,
        register_id,
    ) = row
    provider = providers[provider_key]
    if Service.objects.filter(provider=provider, name=name).exists():
        return
    host = provider.web.split("//www.", 1)[1]
    count, unit = capacity
    service = Service(
        provider=provider,
        name=name,
        register_id=register_id,
        service_type=ServiceType.objects.get(name=type_name),
        description=description,
        how_to_apply=how_to_apply,
        fees=fees,
        capacity=count,
        capacity_unit=CapacityUnit.objects.filter(code=f"TypKapacitySocialniSluzby/{unit}").first()
        if unit
        else None,
        nonstop="nonstop" in tags,
        phone=f"+420 555 000 {200 + number:03d}",
        email=f"sluzba{number + 1}@{host}",
        web=provider.web,
        valid_from=datetime.date(2015 + number % 8, 1 + number % 12, 1),
        # a few entries are overdue for the yearly verification
        last_verified=None
        if number % 9 == 4
        else TODAY - datetime.timedelta(days=40 * (number % 11)),
    )
    for facility, street, town_slug, hours, barrier_free in places:
        hidden = not street
        service.places.add(
            ServicePlace(
                name=facility,
                street=street,
                city="" if hidden else towns[town_slug].name,
                postcode="" if hidden else POSTCODES[town_slug],
                municipality=towns[town_slug],
                hidden_address=hidden,
                opening_hours=hours,
                barrier_free=barrier_free,
            )
        )
    service.contacts.add(
        ServiceContact(
            role="sociální pracovník/pracovnice", phone=service.phone, email=service.email
        )
    )
    service.save()
    service.forms.set(
        ServiceForm.objects.filter(code__in=[f"FormaSocialniSluzby/{f}" for f in forms])
    )
    service.register_target_groups.set(RegisterTargetGroup.objects.filter(code__in=register_groups))
    service.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    service.municipalities.set([towns[slug] for slug in served])
    if tags:
        service.tags.add(*tags)
        service.save()
    index.insert_or_update_object(service)
    ctx.created += 1


def _link_sign_language_video(ctx):
    """Services in sign language point to the demo's section with the (demo) video."""
    page = ctx.extra.get("sign_language_page")
    if page is None:
        return
    linked = Service.objects.filter(
        tags__name="znakový jazyk", sign_language_page__isnull=True
    ).update(sign_language_page=page)
    ctx.created += linked


def _provider_editor(ctx, provider):
    username, password = PROVIDER_EDITOR
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "email": "charita@charita-ostrov.example",
            "first_name": "Editor",
            "last_name": "Charity",
        },
    )
    if created:
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editoři poskytovatelů"))
        ctx.created += 1
    if not provider.editors.filter(pk=user.pk).exists():
        provider.editors.add(user)
        ctx.created += 1
