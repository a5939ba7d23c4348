"""Import of the national register of social services (MPSV open data, ``rpss.json``).

The file (about 100 MB) is streamed with ijson, item by item, so memory stays bounded: only
the services inside the chosen area are kept. The whole file is read and checked before
anything is written; the writes then happen in one transaction. Register fields are
updated, staff fields (name, description, tags, how to apply, fees, planning groups,
contacts by role, verification) never touched. Statutory bodies (natural persons) are
never read.
"""

import datetime
import re
from dataclasses import dataclass, field

import ijson
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.search import index

from .models import (
    AgeGroup,
    CapacityUnit,
    Municipality,
    Provider,
    RegisterTargetGroup,
    Service,
    ServiceForm,
    ServicePlace,
    ServiceType,
)


class RegisterImportError(Exception):
    """A file that cannot be imported; the message is for the user (Czech)."""


@dataclass
class ImportReport:
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (register id, name, [field names])
    ended: list = field(default_factory=list)
    unchanged: int = 0
    read: int = 0
    in_area: int = 0
    new_codes: list = field(default_factory=list)
    dry_run: bool = False

    def lines(self):
        yield _("Services in the file: %(read)s, in the chosen area: %(area)s") % {
            "read": self.read,
            "area": self.in_area,
        }
        for register_id, name in self.new:
            yield _("new: %(id)s %(name)s") % {"id": register_id, "name": name}
        for register_id, name, fields in self.changed:
            yield _("changed: %(id)s %(name)s (%(fields)s)") % {
                "id": register_id,
                "name": name,
                "fields": ", ".join(fields),
            }
        for register_id, name in self.ended:
            yield _("ended: %(id)s %(name)s") % {"id": register_id, "name": name}
        for code in self.new_codes:
            yield _("new unnamed code: %(code)s") % {"code": code}
        yield _("New: %(new)s, changed: %(changed)s, ended: %(ended)s, unchanged: %(same)s") % {
            "new": len(self.new),
            "changed": len(self.changed),
            "ended": len(self.ended),
            "same": self.unchanged,
        }
        if self.dry_run:
            yield _("Dry run: nothing was written.")


# --- reading ---------------------------------------------------------------------------------
def iter_register_items(fileobj):
    """Yield the service objects of ``{"polozky": [...]}`` one by one (ijson's C parser),
    checking the shape; a file without items is examined once more to say what is wrong."""
    count = 0
    try:
        for item in ijson.items(fileobj, "polozky.item", use_float=True):
            if not isinstance(item, dict):
                raise RegisterImportError(
                    _(
                        "The file does not have the register's shape: "
                        "an item of “polozky” is not an object."
                    )
                )
            count += 1
            yield item
        if count == 0:
            fileobj.seek(0)
            _check_shape(fileobj)
    except ijson.JSONError as error:
        raise RegisterImportError(
            _("The file is not valid JSON or it is truncated (%(error)s).") % {"error": error}
        ) from error
    except UnicodeDecodeError as error:
        raise RegisterImportError(_("The file is not UTF-8 encoded JSON.")) from error


def _check_shape(fileobj):
    """Raise a clear error unless the file is ``{"polozky": [...]}`` (reads the events)."""
    seen_root = seen_items = False
    for prefix, event, value in ijson.parse(fileobj):
        if prefix == "" and event not in ("start_map", "end_map", "map_key"):
            raise RegisterImportError(
                _("The file does not have the register's shape: it must be a JSON object.")
            )
        if prefix == "" and event == "map_key" and value == "polozky":
            seen_root = True
        elif prefix == "polozky" and event == "start_array":
            seen_items = True
        elif prefix == "polozky" and event != "end_array":
            raise RegisterImportError(
                _("The file does not have the register's shape: “polozky” must be a list.")
            )
    if not seen_root or not seen_items:
        raise RegisterImportError(
            _("The file does not have the register's shape: the list “polozky” is missing.")
        )


def _ref(value):
    """``{"id": "Kind/123"}`` → ``"Kind/123"``."""
    if isinstance(value, dict):
        ref = value.get("id")
        return str(ref) if ref not in (None, "") else ""
    return ""


def _refs_in(value):
    """Every ``id`` reference found anywhere inside a nested structure."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str | int):
                yield str(item)
            else:
                yield from _refs_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs_in(item)


def _date(value, what, number):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise RegisterImportError(
            _("Item %(n)s: %(what)s is not a date (%(value)s).")
            % {"n": number, "what": what, "value": str(value)[:40]}
        ) from error


def _first(items, key):
    for item in items or []:
        if isinstance(item, dict) and item.get(key):
            return str(item[key]).strip()
    return ""


def _list(value):
    return value if isinstance(value, list) else []


def _register_id(value, number):
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{int(value):07d}"
    value = str(value or "").strip()
    if not re.fullmatch(r"\d{7}", value):
        raise RegisterImportError(
            _("Item %(n)s: the identifier “%(value)s” does not have 7 digits.")
            % {"n": number, "value": value[:20]}
        )
    return value


def _ico(value):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{int(value):08d}"
    value = str(value or "").strip()
    return value.zfill(8) if value.isdigit() and len(value) < 8 else value


def _street(address):
    street = (
        (address.get("ulice") or {}).get("nazev") if isinstance(address.get("ulice"), dict) else ""
    )
    number = str(address.get("cisloDomovni") or "")
    if address.get("cisloOrientacni"):
        number = (
            f"{number}/{address['cisloOrientacni']}" if number else str(address["cisloOrientacni"])
        )
    return " ".join(part for part in (street or "", number) if part)


def parse_item(item, number, today):
    """A register item → plain data for the catalogue (raises on a wrong shape)."""
    register_id = _register_id(item.get("identifikator"), number)
    provider = item.get("poskytovatel")
    if not isinstance(provider, dict):
        raise RegisterImportError(
            _("Item %(n)s (%(id)s): the provider is missing.") % {"n": number, "id": register_id}
        )
    type_code = _ref(item.get("druhSocialniSluzby"))
    if not type_code:
        raise RegisterImportError(
            _("Item %(n)s (%(id)s): the service type is missing.")
            % {"n": number, "id": register_id}
        )
    facilities, seen = [], set()
    for facility in _list(item.get("zarizeni")):
        if not isinstance(facility, dict):
            continue
        until = _date(facility.get("poskytujeDo"), "poskytujeDo", number)
        if until and until < today:
            continue
        address = facility.get("adresa") if isinstance(facility.get("adresa"), dict) else {}
        hidden = bool(facility.get("utajenaAdresa"))
        obec = _ref(address.get("obec"))
        name = str(facility.get("nazev") or "").strip()
        point = str(address.get("kodAdresnihoMista") or "")
        key = (
            f"{name}|{point or _street(address) + '|' + str(address.get('psc') or '') + '|' + obec}"
        )
        if key in seen:  # the same facility can appear more than once
            continue
        seen.add(key)
        obec_name = (
            (address.get("obec") or {}).get("nazev")
            if isinstance(address.get("obec"), dict)
            else ""
        )
        facilities.append(
            {
                "register_key": key[:200],
                "name": name[:255],
                "street": "" if hidden else _street(address)[:200],
                "postcode": "" if hidden else str(address.get("psc") or "")[:10],
                "address_code": "" if hidden else point[:20],
                "hidden_address": hidden,
                "obec": obec,
                "obec_name": str(obec_name or "")[:120],
            }
        )
    forms, capacity, capacity_unit, nonstop = [], None, "", False
    for form in _list(item.get("formy")):
        if not isinstance(form, dict):
            continue
        code = _ref(form.get("forma"))
        if code:
            forms.append(code)
        nonstop = nonstop or bool(form.get("nepretrzitePoskytovani"))
        for kapacita in _list(form.get("kapacity")):
            if (
                capacity is None
                and isinstance(kapacita, dict)
                and isinstance(kapacita.get("pocet"), int | float)
            ):
                capacity = max(int(kapacita["pocet"]), 0)
                capacity_unit = _ref(kapacita.get("typ"))
    ended_on = _date(item.get("datumPoskytovaniDo"), "datumPoskytovaniDo", number)
    return {
        "register_id": register_id,
        "type": type_code,
        "forms": sorted(set(forms)),
        "register_groups": sorted(
            {
                _ref(g.get("cilovaSkupina"))
                for g in _list(item.get("ciloveSkupiny"))
                if isinstance(g, dict)
            }
            - {""}
        ),
        "age_groups": sorted(
            {
                _ref(g.get("vekovaSkupina")) or _ref(g)
                for g in _list(item.get("vekoveSkupiny"))
                if isinstance(g, dict)
            }
            - {""}
        ),
        "capacity": capacity,
        "capacity_unit": capacity_unit,
        "nonstop": nonstop,
        "valid_from": _date(item.get("datumPoskytovaniOd"), "datumPoskytovaniOd", number),
        "valid_to": ended_on,
        "is_ended": bool(ended_on and ended_on < today),
        "email": _first(item.get("emaily"), "email")[:254],
        "phone": _first(item.get("telefony"), "telefon")[:60],
        "web": _first(item.get("weby"), "web")[:500],
        "facilities": facilities,
        "reach": set(_refs_in(item.get("rozsirenePusobnostiVKraji"))),
        "provider": {
            # statutarniOrgany (natural persons) is deliberately never read
            "ico": _ico(provider.get("ico")),
            "name": str(provider.get("nazev") or provider.get("nazevPoskytovatele") or "").strip()[
                :255
            ],
            "web": _first(provider.get("weby"), "web")[:200],
            "email": _first(provider.get("emaily"), "email")[:254],
            "phone": _first(provider.get("telefony"), "telefon")[:60],
        },
        "name": str(item.get("nazev") or "").strip()[:255],
    }


def read_register(fileobj, area_codes, today=None):
    """Read the whole file; return (items read, parsed services inside the area)."""
    today = today or timezone.localdate()
    kept, read = {}, 0
    for number, item in enumerate(iter_register_items(fileobj), start=1):
        read += 1
        data = parse_item(item, number, today)
        in_area = any(f["obec"] in area_codes for f in data["facilities"]) or bool(
            data["reach"] & area_codes
        )
        if in_area:
            kept[data["register_id"]] = data
    return read, kept


# --- writing ---------------------------------------------------------------------------------
class _Vocabularies:
    """Code → term caches; unknown codes become unnamed terms for staff to name."""

    def __init__(self, report):
        self.report = report
        self.cache = {}

    def get(self, model, code):
        if not code:
            return None
        key = (model, code)
        if key not in self.cache:
            term = model.objects.filter(code=code).first()
            if term is None:
                extra = {"category": ServiceType.Category.RELATED} if model is ServiceType else {}
                term = model.objects.create(code=code, name="", order=1000, **extra)
                self.report.new_codes.append(code)
            self.cache[key] = term
        return self.cache[key]

    def many(self, model, codes):
        return [self.get(model, code) for code in codes]


SCALAR_FIELDS = (
    "capacity",
    "nonstop",
    "valid_from",
    "valid_to",
    "is_ended",
    "email",
    "phone",
    "web",
)


def _service_name(data, service_type, provider):
    if data["name"]:
        return data["name"]
    for facility in data["facilities"]:
        if facility["name"]:
            return facility["name"]
    return f"{service_type.name or service_type.code} – {provider.name}"[:255]


def _provider(data, report_user, providers):
    """Find (in the preloaded ``providers`` by IČO, else in the database) or create."""
    info = data["provider"]
    provider = providers.get(info["ico"]) if info["ico"] else None
    if provider is None and not info["ico"]:
        provider = Provider.objects.filter(name=info["name"], ico="").first()
    if provider is None:
        provider = Provider.objects.create(**info)
        log(instance=provider, action="catalog.import", user=report_user)
        if info["ico"]:
            providers[info["ico"]] = provider
        return provider
    changed = [key for key, value in info.items() if value and getattr(provider, key) != value]
    if changed:
        for key in changed:
            setattr(provider, key, info[key])
        provider.save()
        log(instance=provider, action="catalog.import", user=report_user, data={"fields": changed})
    return provider


def apply_service(data, service, vocab, municipalities, providers, user):
    """Create or update one service (``service`` is the preloaded existing one or None);
    return ("new"|"changed"|"ended"|None, name, changed fields)."""
    provider = _provider(data, user, providers)
    service_type = vocab.get(ServiceType, data["type"])
    capacity_unit = vocab.get(CapacityUnit, data["capacity_unit"])
    values = {key: data[key] for key in SCALAR_FIELDS}
    values["capacity_unit_id"] = capacity_unit.pk if capacity_unit else None
    values["provider_id"] = provider.pk
    values["service_type_id"] = service_type.pk
    values["ended_on"] = data["valid_to"] if data["is_ended"] else None
    m2m = {
        "forms": vocab.many(ServiceForm, data["forms"]),
        "register_target_groups": vocab.many(RegisterTargetGroup, data["register_groups"]),
        "age_groups": vocab.many(AgeGroup, data["age_groups"]),
        "municipalities": sorted(
            {municipalities[f["obec"]] for f in data["facilities"] if f["obec"] in municipalities}
            | {municipalities[code] for code in data["reach"] if code in municipalities},
            key=lambda m: m.pk,
        ),
    }
    created = service is None
    was_ended = bool(service and service.is_ended)
    if created:
        service = Service(
            register_id=data["register_id"], name=_service_name(data, service_type, provider)
        )
    changed = [key for key, value in values.items() if created or getattr(service, key) != value]
    for key in changed:
        setattr(service, key, values[key])
    if changed:
        service.save()
    for relation, objects in m2m.items():
        if created or {o.pk for o in getattr(service, relation).all()} != {o.pk for o in objects}:
            getattr(service, relation).set(objects)
            changed.append(relation)
    if _sync_places(service, data["facilities"], municipalities, created):
        changed.append("places")
    if not changed:
        return None, service.name, []
    if not created:
        service.save(update_fields=["updated"])
    index.insert_or_update_object(service)
    log(
        instance=service,
        action="catalog.import",
        user=user,
        data={"fields": [] if created else changed},
    )
    if created:
        return "new", service.name, []
    if service.is_ended and not was_ended:
        return "ended", service.name, changed
    return "changed", service.name, changed


def _sync_places(service, facilities, municipalities, created):
    existing = (
        {} if created else {p.register_key: p for p in service.places.all() if p.register_key}
    )
    changed = False
    for order, facility in enumerate(facilities):
        municipality = municipalities.get(facility["obec"])
        values = {
            "name": facility["name"],
            "street": facility["street"],
            "postcode": facility["postcode"],
            "address_code": facility["address_code"],
            "hidden_address": facility["hidden_address"],
            "municipality_id": municipality.pk if municipality else None,
            "city": ""
            if facility["hidden_address"]
            else (municipality.name if municipality else facility["obec_name"]),
        }
        place = existing.pop(facility["register_key"], None)
        if place is None:
            ServicePlace.objects.create(
                service=service, register_key=facility["register_key"], sort_order=order, **values
            )
            changed = True
        elif any(getattr(place, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(place, key, value)
            place.save()
            changed = True
    if existing:  # facilities no longer in the register (staff-added places are kept)
        ServicePlace.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()
        changed = True
    return changed


def area_codes_for(municipalities=None, orps=None):
    """Codes of the chosen area: municipality codes (``Obec/…``) and ORP codes (``Orp/…``)."""
    codes = set()
    for value in municipalities or []:
        value = str(value).strip()
        found = (
            Municipality.objects.filter(slug=value).exclude(code="").values_list("code", flat=True)
        )
        codes.update(found or [value if "/" in value else f"Obec/{value}"])
    for value in orps or []:
        value = str(value).strip()
        codes.add(value if "/" in value else f"Orp/{value}")
    if not codes:
        codes = set(Municipality.objects.exclude(code="").values_list("code", flat=True))
    if not codes:
        raise RegisterImportError(
            _("No area is chosen and no municipality of the catalogue has a register code.")
        )
    return codes


BATCH = 500  # existing services and providers are loaded this many at a time


def import_register(fileobj, area_codes, dry_run=False, user=None, today=None):
    """Read, check and import a register file; everything or nothing is written."""
    today = today or timezone.localdate()
    report = ImportReport(dry_run=dry_run)
    report.read, kept = read_register(fileobj, set(area_codes), today)
    report.in_area = len(kept)
    municipalities = {m.code: m for m in Municipality.objects.exclude(code="")}
    register_ids = sorted(kept)
    with transaction.atomic():
        vocab = _Vocabularies(report)
        for start in range(0, len(register_ids), BATCH):
            batch = register_ids[start : start + BATCH]
            existing = {
                service.register_id: service
                for service in Service.objects.filter(register_id__in=batch).prefetch_related(
                    "forms", "register_target_groups", "age_groups", "municipalities", "places"
                )
            }
            icos = {kept[register_id]["provider"]["ico"] for register_id in batch} - {""}
            providers = {p.ico: p for p in Provider.objects.filter(ico__in=icos)}
            for register_id in batch:
                outcome, name, fields = apply_service(
                    kept[register_id],
                    existing.get(register_id),
                    vocab,
                    municipalities,
                    providers,
                    user,
                )
                if outcome == "new":
                    report.new.append((register_id, name))
                elif outcome == "changed":
                    report.changed.append((register_id, name, fields))
                elif outcome == "ended":
                    report.ended.append((register_id, name))
                else:
                    report.unchanged += 1
        if dry_run:
            transaction.set_rollback(True)
    return report
