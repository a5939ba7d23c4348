"""Open data: the active catalogue in Open Referral HSDS 3.0 (JSON and the tabular package)
and a simple CSV. Czech vocabularies become HSDS taxonomies (see README, "Catalogue")."""

import io
import json
import uuid
import zipfile
from collections import defaultdict

from django.utils import timezone

from kpss_pages.core import exports
from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.safe_values import is_web_url

from .models import Service
from .models.services import PLANNING_GROUPS_PREFETCH

NAMESPACE = uuid.UUID("6f1c2a52-5a0e-4d7e-9d0c-4b5f6c0a7b11")
HSDS_VERSION = "3.0"

# Czech vocabulary → HSDS taxonomy (id key, name, description, link_type of the attribute).
TAXONOMIES = {
    "service_type": (
        "Druhy sociálních služeb",
        "Druhy sociálních služeb podle zákona č. 108/2006 Sb. (kód z otevřených dat MPSV).",
    ),
    "form": ("Formy poskytování", "Pobytová, ambulantní a terénní forma sociální služby."),
    "target_group": (
        "Cílové skupiny komunitního plánování",
        "Široké skupiny pracovních skupin KPSS.",
    ),
    "register_target_group": (
        "Cílové skupiny registru MPSV",
        "Cílové skupiny osob podle registru poskytovatelů sociálních služeb.",
    ),
    "tag": ("Štítky katalogu", "Volné štítky katalogu (např. bezbariérový přístup, zdarma)."),
}

TABLE_COLUMNS = {
    "organizations": ["id", "name", "description", "email", "website", "tax_id", "legal_status"],
    "organization_identifiers": [
        "id",
        "organization_id",
        "identifier_scheme",
        "identifier_type",
        "identifier",
    ],
    "services": [
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "assured_date",
        "last_modified",
    ],
    "locations": [
        "id",
        "location_type",
        "organization_id",
        "name",
        "external_identifier",
        "external_identifier_type",
    ],
    "addresses": [
        "id",
        "location_id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "accessibility": ["id", "location_id", "description"],
    "service_at_location": ["id", "service_id", "location_id", "description"],
    "schedules": ["id", "service_at_location_id", "description"],
    "phones": ["id", "service_id", "organization_id", "contact_id", "number", "type"],
    "contacts": ["id", "service_id", "name", "title", "email"],
    "service_areas": ["id", "service_id", "name", "extent_type", "uri"],
    "taxonomies": ["id", "name", "description", "version"],
    "taxonomy_terms": ["id", "code", "name", "description", "taxonomy_id", "language"],
    "attributes": ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
}
TABLE_RESOURCES = {
    "organizations": "organization",
    "organization_identifiers": "organization_identifier",
    "services": "service",
    "locations": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "service_at_location": "service_at_location",
    "schedules": "schedule",
    "phones": "phone",
    "contacts": "contact",
    "service_areas": "service_area",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "attributes": "attribute",
}


def _web(value):
    """Only http(s) addresses leave in open data (defence in depth behind the validators)."""
    return value if is_web_url(value) else ""


def uid(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def export_services():
    return (
        Service.objects.active()
        .select_related("provider", "service_type")
        .prefetch_related(
            "forms",
            *PLANNING_GROUPS_PREFETCH,
            "municipalities",
            "places",
            "contacts",
            "tags",
        )
        .order_by("pk")
    )


def _clean(row):
    return {key: value for key, value in row.items() if value not in (None, "")}


def build_tables(services):
    """All rows of the tabular package, keyed by table name."""
    tables = defaultdict(list)
    organizations, terms = {}, {}

    def term(taxonomy, key, code, name):
        term_id = uid(f"term-{taxonomy}", key)
        if term_id not in terms:
            terms[term_id] = {
                "id": term_id,
                "code": code or str(key),
                "name": name or code or str(key),
                "description": name or code or str(key),
                "taxonomy_id": uid("taxonomy", taxonomy),
                "language": "cs",
            }
        return term_id

    def attribute(service_id, taxonomy, key, code, name):
        term_id = term(taxonomy, key, code, name)
        tables["attributes"].append(
            {
                "id": uid("attribute", f"{service_id}:{term_id}"),
                "link_id": service_id,
                "taxonomy_term_id": term_id,
                "link_type": taxonomy,
                "link_entity": "service",
                "value": name or code,
            }
        )

    for service in services:
        provider = service.provider
        org_id = uid("organization", provider.pk)
        if org_id not in organizations:
            organizations[org_id] = {
                "id": org_id,
                "name": provider.name,
                "description": provider.legal_form or provider.name,
                "email": provider.email,
                "website": _web(provider.web),
                "tax_id": provider.ico,
                "legal_status": provider.legal_form,
            }
            if provider.ico:
                tables["organization_identifiers"].append(
                    {
                        "id": uid("organization-identifier", provider.pk),
                        "organization_id": org_id,
                        "identifier_scheme": "CZ-ICO",
                        "identifier_type": "IČO",
                        "identifier": provider.ico,
                    }
                )
            if provider.phone:
                tables["phones"].append(
                    {
                        "id": uid("organization-phone", provider.pk),
                        "organization_id": org_id,
                        "number": provider.phone,
                        "type": "voice",
                    }
                )
        service_id = uid("service", service.pk)
        tables["services"].append(
            {
                "id": service_id,
                "organization_id": org_id,
                "name": service.name,
                "description": service.description,
                "url": _web(service.web),
                "email": service.email,
                "status": "active",
                "application_process": service.how_to_apply,
                "fees_description": service.fees,
                "eligibility_description": service.age_note,
                "assured_date": service.last_verified.isoformat()
                if service.last_verified
                else None,
                "last_modified": service.updated.isoformat(timespec="milliseconds"),
            }
        )
        if service.phone:
            tables["phones"].append(
                {
                    "id": uid("service-phone", service.pk),
                    "service_id": service_id,
                    "number": service.phone,
                    "type": "voice",
                }
            )
        attribute(
            service_id,
            "service_type",
            service.service_type.pk,
            service.service_type.code,
            service.service_type.name,
        )
        for form in service.forms.all():
            attribute(service_id, "form", form.pk, form.code, form.name)
        for register_group in service.register_target_groups.all():
            attribute(
                service_id,
                "register_target_group",
                register_group.pk,
                register_group.code,
                register_group.name,
            )
        for group in service.planning_groups():
            attribute(service_id, "target_group", group.pk, group.slug, group.name)
        for tag in service.tags.all():
            attribute(service_id, "tag", tag.pk, tag.slug, tag.name)
        for municipality in service.municipalities.all():
            tables["service_areas"].append(
                {
                    "id": uid("service-area", f"{service.pk}:{municipality.pk}"),
                    "service_id": service_id,
                    "name": municipality.name,
                    "extent_type": "other",
                    "uri": f"https://ruian.cuzk.cz/{municipality.code}"
                    if municipality.code
                    else None,
                }
            )
        for contact in service.contacts.all():
            contact_id = uid("contact", contact.pk)
            tables["contacts"].append(
                {
                    "id": contact_id,
                    "service_id": service_id,
                    "name": contact.name,
                    "title": contact.role,
                    "email": contact.email,
                }
            )
            if contact.phone:
                tables["phones"].append(
                    {
                        "id": uid("contact-phone", contact.pk),
                        "contact_id": contact_id,
                        "number": contact.phone,
                        "type": "voice",
                    }
                )
        for place in service.places.all():
            location_id = uid("location", place.pk)
            tables["locations"].append(
                {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": org_id,
                    "name": place.name or service.name,
                    "external_identifier": place.address_code or None,
                    "external_identifier_type": "RUIAN-adresni-misto"
                    if place.address_code
                    else None,
                }
            )
            if place.address:
                tables["addresses"].append(
                    {
                        "id": uid("address", place.pk),
                        "location_id": location_id,
                        "address_1": place.street or place.city or "-",
                        "city": place.city or "-",
                        "state_province": kpss_settings.CATALOG_REGION or place.city or "-",
                        "postal_code": place.postcode or "-",
                        "country": "CZ",
                        "address_type": "physical",
                    }
                )
            if place.barrier_free:
                tables["accessibility"].append(
                    {
                        "id": uid("accessibility", place.pk),
                        "location_id": location_id,
                        "description": "Bezbariérový přístup",
                    }
                )
            sal_id = uid("service-at-location", place.pk)
            tables["service_at_location"].append(
                {
                    "id": sal_id,
                    "service_id": service_id,
                    "location_id": location_id,
                    "description": place.name,
                }
            )
            if place.opening_hours:
                tables["schedules"].append(
                    {
                        "id": uid("schedule", place.pk),
                        "service_at_location_id": sal_id,
                        "description": place.opening_hours,
                    }
                )
    tables["organizations"] = list(organizations.values())
    tables["taxonomy_terms"] = list(terms.values())
    tables["taxonomies"] = [
        {"id": uid("taxonomy", key), "name": name, "description": description, "version": "1"}
        for key, (name, description) in TAXONOMIES.items()
    ]
    return tables


def nest(tables):
    """Full HSDS service objects (as in the API's /services/{id}) from the table rows."""
    by = defaultdict(lambda: defaultdict(list))
    for table, key in (
        ("phones", "service_id"),
        ("phones", "organization_id"),
        ("phones", "contact_id"),
        ("contacts", "service_id"),
        ("service_areas", "service_id"),
        ("attributes", "link_id"),
        ("service_at_location", "service_id"),
        ("addresses", "location_id"),
        ("accessibility", "location_id"),
        ("schedules", "service_at_location_id"),
        ("organization_identifiers", "organization_id"),
    ):
        for row in tables[table]:
            if row.get(key):
                by[(table, key)][row[key]].append(row)
    organizations = {row["id"]: row for row in tables["organizations"]}
    locations = {row["id"]: row for row in tables["locations"]}
    terms = {row["id"]: row for row in tables["taxonomy_terms"]}
    taxonomies = {row["id"]: row for row in tables["taxonomies"]}

    def phones(key, value):
        return [_clean(p) for p in by[("phones", key)][value]]

    def organization(org_id):
        org = _clean(organizations[org_id])
        org["phones"] = phones("organization_id", org_id)
        org["organization_identifiers"] = [
            _clean(row) for row in by[("organization_identifiers", "organization_id")][org_id]
        ]
        return org

    def term(term_id):
        row = _clean(terms[term_id])
        row["taxonomy_detail"] = _clean(taxonomies[row["taxonomy_id"]])
        row["taxonomy"] = row["taxonomy_detail"]["name"]
        return row

    result = []
    for service in tables["services"]:
        sid = service["id"]
        item = _clean(service)
        item["organization"] = organization(service["organization_id"])
        item["phones"] = phones("service_id", sid)
        item["contacts"] = [
            {**_clean(c), "phones": phones("contact_id", c["id"])}
            for c in by[("contacts", "service_id")][sid]
        ]
        item["service_areas"] = [_clean(a) for a in by[("service_areas", "service_id")][sid]]
        item["attributes"] = [
            {**_clean(a), "taxonomy_term": term(a["taxonomy_term_id"])}
            for a in by[("attributes", "link_id")][sid]
        ]
        item["service_at_locations"] = []
        for sal in by[("service_at_location", "service_id")][sid]:
            location = _clean(locations[sal["location_id"]])
            location["addresses"] = [
                _clean(a) for a in by[("addresses", "location_id")][location["id"]]
            ]
            location["accessibility"] = [
                _clean(a) for a in by[("accessibility", "location_id")][location["id"]]
            ]
            item["service_at_locations"].append(
                {
                    **_clean(sal),
                    "schedules": [
                        _clean(s) for s in by[("schedules", "service_at_location_id")][sal["id"]]
                    ],
                    "location": location,
                }
            )
        result.append(item)
    return result


def hsds_json():
    """All active services as one page of the HSDS API's /services list, fully nested."""
    contents = nest(build_tables(export_services()))
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def datapackage():
    return {
        "name": "kpss_katalog_sluzeb",
        "title": "Katalog sociálních a návazných služeb (HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": [
            {
                "name": TABLE_RESOURCES[table],
                "path": f"{table}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "primaryKey": "id",
                    "fields": [{"name": column, "type": "string"} for column in columns],
                },
            }
            for table, columns in TABLE_COLUMNS.items()
        ],
    }


def hsds_zip():
    """The HSDS tabular package: one CSV per table plus datapackage.json, zipped."""
    tables = build_tables(export_services())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, columns in TABLE_COLUMNS.items():
            archive.writestr(f"{table}.csv", exports.data_csv_text(columns, tables[table]))
        archive.writestr(
            "datapackage.json", json.dumps(datapackage(), ensure_ascii=False, indent=2)
        )
    return buffer.getvalue()


SIMPLE_COLUMNS = [
    ("id", "id"),
    ("identifikator", "register_id"),
    ("nazev", "name"),
    ("druh", "service_type"),
    ("formy", "forms"),
    ("poskytovatel", "provider"),
    ("ico", "ico"),
    ("cilove_skupiny", "groups"),
    ("obce", "municipalities"),
    ("adresy", "addresses"),
    ("telefon", "phone"),
    ("email", "email"),
    ("web", "web"),
    ("stitky", "tags"),
    ("kapacita", "capacity"),
    ("overeno", "last_verified"),
]


def simple_csv():
    """One row per active service with Czech column names, through the shared export
    module (UTF-8 with BOM, formula cells defused). Open data: comma-separated and ISO
    dates, as the Czech open-data norms ask."""
    rows = []
    for service in export_services():
        groups = {group.name for group in service.planning_groups()}
        values = {
            "id": service.pk,
            "register_id": service.register_id,
            "name": service.name,
            "service_type": service.service_type.name,
            "forms": "; ".join(form.name for form in service.forms.all()),
            "provider": service.provider.name,
            "ico": service.provider.ico,
            "groups": "; ".join(sorted(groups)),
            "municipalities": "; ".join(m.name for m in service.municipalities.all()),
            "addresses": "; ".join(p.address for p in service.places.all() if p.address),
            "phone": service.phone,
            "email": service.email,
            "web": _web(service.web),
            "tags": "; ".join(tag.name for tag in service.tags.all()),
            "capacity": "" if service.capacity is None else service.capacity,
            "last_verified": service.last_verified.isoformat() if service.last_verified else "",
        }
        rows.append([values[key] for _header, key in SIMPLE_COLUMNS])
    header = [header for header, _key in SIMPLE_COLUMNS]
    return exports.csv_text(header, rows, delimiter=",")
