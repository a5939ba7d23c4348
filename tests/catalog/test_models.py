import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog.models import Provider, Service, ServiceType
from catalog.models.validators import ico_is_valid
from tests.catalog.builders import make_provider, make_service, valid_ico

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ico", ["25596641", "00064581", "47114983", "00216208"])
def test_real_ico_numbers_are_valid(ico):
    assert ico_is_valid(ico)


@pytest.mark.parametrize("ico", ["25596642", "1234567", "2559664a", "", "123456789"])
def test_bad_ico_numbers_are_rejected(ico):
    assert not ico_is_valid(ico)


def test_provider_with_bad_ico_gets_czech_error():
    provider = Provider(name="Charita", ico="25596642")
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "kontrolní číslice" in str(error.value.message_dict["ico"])


def test_ico_keeps_leading_zero():
    provider = make_provider(ico="00064581")
    provider.refresh_from_db()
    assert provider.ico == "00064581"


def _service(**fields):
    return Service(
        provider=make_provider(),
        name="Domov",
        service_type=ServiceType.objects.get(code="DruhSocialniSluzby/13"),
        **fields,
    )


def test_register_id_must_have_seven_digits():
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        _service(register_id="12345").full_clean()
    assert "7 číslic" in str(error.value.message_dict["register_id"])
    _service(register_id="1234567").full_clean()
    _service(register_id="").full_clean()  # related services are not registered


def test_capacity_cannot_be_negative():
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        _service(capacity=-1).full_clean()
    assert "záporná" in str(error.value.message_dict["capacity"])
    _service(capacity=0).full_clean()


def test_end_before_start_is_rejected():
    service = _service(valid_from=datetime.date(2025, 5, 1), valid_to=datetime.date(2025, 4, 1))
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "dřívější" in str(error.value.message_dict["valid_to"])


def test_active_excludes_ended_and_expired():
    live = make_service()
    make_service(is_ended=True)
    make_service(valid_to=datetime.date(2000, 1, 1))
    assert list(Service.objects.active()) == [live]


def test_stale_services():
    fresh = make_service(last_verified=datetime.date.today())
    old = make_service(last_verified=datetime.date.today() - datetime.timedelta(days=500))
    never = make_service()
    stale = set(Service.objects.stale())
    assert old in stale and never in stale and fresh not in stale


def test_search_ignores_diacritics_and_case():
    make_service(name="Domov pro seniory Lipka", description="Péče o seniory a osoby s demencí")
    make_service(name="Azylový dům", type_code="DruhSocialniSluzby/1")
    for query in ("demenci", "DEMENCÍ", "peče", "lipka"):
        names = [s.name for s in Service.objects.search(query)]
        assert names == ["Domov pro seniory Lipka"], query


def test_valid_ico_builder():
    assert ico_is_valid(valid_ico(1234))


def test_planning_groups_join_chosen_and_register_groups_once_in_order(django_assert_num_queries):
    from catalog.models import RegisterTargetGroup, TargetGroup

    register_group = RegisterTargetGroup.objects.get(code="CilovaSkupinaOsoby/24")
    later = TargetGroup.objects.create(name="Skupina B", slug="skupina-b", order=2)
    earlier = TargetGroup.objects.create(name="Skupina A", slug="skupina-a", order=1)
    later.register_groups.add(register_group)
    earlier.register_groups.add(register_group)
    make_service(groups=("skupina-b",), register_groups=("CilovaSkupinaOsoby/24",))
    service = Service.objects.with_planning_groups().get()
    with django_assert_num_queries(0):
        groups = service.planning_groups()
    slugs = [group.slug for group in groups]
    assert {"skupina-a", "skupina-b"} <= set(slugs)
    assert slugs.index("skupina-a") < slugs.index("skupina-b")
    assert groups == sorted(groups, key=lambda group: (group.order, group.name))
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize(
    ("name", "legal_form", "shown"),
    [
        (
            "Domov U Lip, příspěvková organizace",
            "příspěvková organizace",
            "Domov U Lip, příspěvková organizace",
        ),
        ("Domov U Lip, p. o.", "příspěvková organizace", "Domov U Lip, p. o."),
        ("Slunovrat, o.p.s.", "obecně prospěšná společnost", "Slunovrat, o.p.s."),
        ("Vlčinka, z. s.", "spolek", "Vlčinka, z. s."),
        ("Linka důvěry, Z. Ú.", "ústav", "Linka důvěry, Z. Ú."),
        (
            "Charita Ostrov",
            "evidovaná právnická osoba církve",
            "Charita Ostrov, evidovaná právnická osoba církve",
        ),
        ("Slunovrat", "obecně prospěšná společnost", "Slunovrat, obecně prospěšná společnost"),
        ("Spolek Vlčinka", "spolek", "Spolek Vlčinka, spolek"),
        ("Domov U Lip", "", "Domov U Lip"),
    ],
)
def test_provider_name_states_the_legal_form_once(name, legal_form, shown):
    assert Provider(name=name, legal_form=legal_form).name_with_legal_form == shown


def test_a_groups_services_are_those_whose_planning_groups_contain_it():
    """One rule in both directions: ServiceQuerySet.for_planning_groups() (the catalogue's
    filter, a working group's services) finds exactly the services whose
    planning_groups() name the group, chosen directly or through a register group."""
    from catalog.models import RegisterTargetGroup, TargetGroup

    mapped = RegisterTargetGroup.objects.get(code="CilovaSkupinaOsoby/24")
    unmapped = RegisterTargetGroup.objects.create(code="CilovaSkupinaOsoby/test", name="Jiní")
    via_register = TargetGroup.objects.create(name="Skupina R", slug="skupina-r", order=1)
    chosen = TargetGroup.objects.create(name="Skupina C", slug="skupina-c", order=2)
    nobody = TargetGroup.objects.create(name="Skupina N", slug="skupina-n", order=3)
    via_register.register_groups.add(mapped)
    make_service(name="Přes registr", register_groups=("CilovaSkupinaOsoby/24",))
    make_service(name="Vybraná", groups=("skupina-c",), register_groups=(unmapped.code,))
    make_service(name="Obojí", groups=("skupina-c",), register_groups=("CilovaSkupinaOsoby/24",))
    make_service(name="Žádná", register_groups=(unmapped.code,))
    services = list(Service.objects.with_planning_groups())
    for group in (via_register, chosen, nobody, *TargetGroup.objects.all()):
        expected = {s.name for s in services if group in s.planning_groups()}
        found = set(Service.objects.for_planning_groups([group]).values_list("name", flat=True))
        assert found == expected, group.slug
    names = Service.objects.for_planning_groups([via_register, chosen]).values_list("name")
    assert sorted(name for (name,) in names) == ["Obojí", "Přes registr", "Vybraná"]
