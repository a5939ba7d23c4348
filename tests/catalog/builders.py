"""Builders of catalogue test data."""

import itertools

from catalog.models import (
    Municipality,
    Provider,
    RegisterTargetGroup,
    Service,
    ServiceForm,
    ServicePlace,
    ServiceType,
    TargetGroup,
)
from catalog.models.validators import ico_is_valid

_counter = itertools.count(1)


def valid_ico(seed):
    """An IČO with a correct check digit built from a 7-digit seed."""
    base = f"{seed:07d}"[-7:]
    for check in range(10):
        if ico_is_valid(base + str(check)):
            return base + str(check)
    raise ValueError(seed)


def make_provider(name=None, **fields):
    n = next(_counter)
    fields.setdefault("ico", valid_ico(2_000_000 + n))
    return Provider.objects.create(name=name or f"Poskytovatel {n}", **fields)


def municipality(slug="ostrov", name="Ostrov nad Vlčinou", code="Obec/999101"):
    return Municipality.objects.get_or_create(slug=slug, defaults={"name": name, "code": code})[0]


def make_service(
    name=None,
    provider=None,
    type_code="DruhSocialniSluzby/13",
    forms=("FormaSocialniSluzby/pob",),
    register_groups=("CilovaSkupinaOsoby/24",),
    groups=(),
    municipalities=(),
    tags=(),
    places=1,
    **fields,
):
    n = next(_counter)
    service = Service(
        provider=provider or make_provider(),
        name=name or f"Služba {n}",
        service_type=ServiceType.objects.get(code=type_code),
        **fields,
    )
    for i in range(places):
        service.places.add(
            ServicePlace(
                name=f"Zařízení {n}-{i}", street=f"Hlavní {i + 1}", city="Ostrov", postcode="59901"
            )
        )
    service.save()
    service.forms.set(ServiceForm.objects.filter(code__in=forms))
    service.register_target_groups.set(RegisterTargetGroup.objects.filter(code__in=register_groups))
    service.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    service.municipalities.set(municipalities)
    if tags:
        service.tags.add(*tags)
        service.save()
    from wagtail.search import index

    index.insert_or_update_object(service)
    return service
