"""Import of the national register of social services (MPSV open data, ``rpss.json``).

The file (about 100 MB) is streamed with ijson, item by item, so memory stays bounded: only
the services inside the chosen area are kept. The whole file is read and checked before
anything is written; the writes then happen in one transaction. Register fields are
updated, staff fields (name, description, tags, how to apply, fees, planning groups,
contacts by role, verification) never touched. Statutory bodies (natural persons) are
never read.
"""

import datetime
import math
import re
from dataclasses import dataclass, field

import ijson
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.search import index

from kpss_pages.core.safe_values import is_web_url

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
    skipped: list = field(default_factory=list)  # (position, register id, reason)
    warnings: list = field(default_factory=list)  # (position, register id, what was refused)
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
        for position, register_id, reason in self.skipped:
            yield _("skipped: item %(n)s (%(id)s): %(reason)s") % {
                "n": position,
                "id": register_id or "?",
                "reason": reason,
            }
        for position, register_id, warning in self.warnings:
            yield _("item %(n)s (%(id)s): %(warning)s") % {
                "n": position,
                "id": register_id or "?",
                "warning": warning,
            }
        yield _("New: %(new)s, changed: %(changed)s, ended: %(ended)s, unchanged: %(same)s") % {
            "new": len(self.new),
            "changed": len(self.changed),
            "ended": len(self.ended),
            "same": self.unchanged,
        }
        if self.skipped:
            yield ngettext(
                "%(count)s item could not be read and was skipped; the services it describes "
                "stay as they were.",
                "%(count)s items could not be read and were skipped; the services they "
                "describe stay as they were.",
                len(self.skipped),
            ) % {"count": len(self.skipped)}
        if self.dry_run:
            yield _("Dry run: nothing was written.")


# --- reading ---------------------------------------------------------------------------------
# The register nests about six levels deep. A deeper file is not a register file, and
# ijson's object builder needs memory quadratic in the depth (50,000 nested brackets take
# gigabytes), so the depth is checked on the event stream before anything is built.
MAX_DEPTH = 32
_OPEN = ("start_map", "start_array")
_CLOSE = ("end_map", "end_array")


def iter_register_items(fileobj):
    """Yield the items of ``{"polozky": [...]}`` one by one (ijson's C parser, bounded
    memory); an item that is not an object is yielded as it is, for the caller to report.
    Anything that is not a register file raises RegisterImportError with a Czech message."""
    try:
        yield from _items(ijson.basic_parse(fileobj, use_float=True))
    except ijson.JSONError as error:
        raise RegisterImportError(
            _("The file is not valid JSON or it is truncated (%(error)s).")
            % {"error": str(error).splitlines()[0][:200]}
        ) from error
    except UnicodeDecodeError as error:
        raise RegisterImportError(_("The file is not UTF-8 encoded JSON.")) from error


def _items(events):
    depth = 0
    builder = None  # the item being built
    expect_items = in_items = seen_items = False
    for event, value in events:
        if depth == 0 and event != "start_map":
            raise RegisterImportError(
                _("The file does not have the register's shape: it must be a JSON object.")
            )
        if event in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise RegisterImportError(
                    _(
                        "The file does not have the register's shape: it is nested more than "
                        "%(depth)s levels deep."
                    )
                    % {"depth": MAX_DEPTH}
                )
        elif event in _CLOSE:
            depth -= 1
        if builder is not None:
            builder.event(event, value)
            if depth == 2:  # the item is complete
                yield builder.value
                builder = None
        elif in_items:
            if depth == 1:  # end of the list
                in_items = False
            elif event in _OPEN:
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
            else:
                yield value  # a number or a string where an object belongs
        elif expect_items:
            expect_items = False
            if event != "start_array":
                raise RegisterImportError(
                    _("The file does not have the register's shape: “polozky” must be a list.")
                )
            in_items = seen_items = True
        elif depth == 1 and event == "map_key" and value == "polozky":
            expect_items = True
    if not seen_items:
        raise RegisterImportError(
            _("The file does not have the register's shape: the list “polozky” is missing.")
        )


class RecordError(Exception):
    """One register item that cannot be read; the message (Czech) says why."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value, max_length):
    """A register string for the database: control characters (a NUL is refused by
    PostgreSQL) removed, surrounding space stripped, cut to the field's length."""
    if value is None or isinstance(value, dict | list):
        return ""
    return _CONTROL.sub("", str(value)).strip()[:max_length]


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


def _date(value, what):
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(
            _("%(what)s is not a date (%(value)s).") % {"what": what, "value": str(value)[:40]}
        )
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError as error:
        raise RecordError(
            _("%(what)s is not a date (%(value)s).") % {"what": what, "value": _text(value, 40)}
        ) from error


def _first(items, key, max_length):
    for item in _list(items):
        if isinstance(item, dict) and isinstance(item.get(key), str | int) and item.get(key):
            text = _text(item[key], max_length)
            if text:
                return text
    return ""


def _list(value):
    return value if isinstance(value, list) else []


def _dict(value):
    return value if isinstance(value, dict) else {}


def _register_id(value):
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:07d}"
    value = _text(value, 40) if isinstance(value, str | int) else ""
    if not re.fullmatch(r"\d{7}", value):
        raise RecordError(
            _("the identifier “%(value)s” does not have 7 digits.") % {"value": value[:20]}
        )
    return value


def record_label(item):
    """The identifier of a register item for the report, whatever its shape."""
    value = item.get("identifikator") if isinstance(item, dict) else None
    return _text(value, 20) if isinstance(value, str | int) else ""


def _ico(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:08d}"
    value = _text(value, 12) if isinstance(value, str) else ""
    return value.zfill(8) if value.isdigit() and len(value) < 8 else value


def _street(address):
    street = _text(_dict(address.get("ulice")).get("nazev"), 150)
    number = (
        _text(address.get("cisloDomovni"), 20)
        if not isinstance(address.get("cisloDomovni"), bool)
        else ""
    )
    orientation = address.get("cisloOrientacni")
    if orientation and isinstance(orientation, str | int):
        orientation = _text(orientation, 20)
        number = f"{number}/{orientation}" if number else orientation
    return " ".join(part for part in (street, number) if part)


def _web(value, what, warnings, max_length):
    """A web address from the register: only http(s) reaches the database (a
    ``javascript:`` link would run in the visitor's browser); anything else is reported
    and left empty."""
    if value and not is_web_url(value):
        warnings.append(
            _("%(what)s “%(value)s” is not an http(s) address: left empty.")
            % {"what": what, "value": value[:80]}
        )
        return ""
    return value[:max_length]


def _email(value, what, warnings):
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        warnings.append(
            _("%(what)s “%(value)s” is not an e-mail address: left empty.")
            % {"what": what, "value": value[:80]}
        )
        return ""
    return value


def area_refs(item):
    """Every area code an item mentions (facilities' municipalities, territorial reach),
    read leniently: an item outside the chosen area is skipped without being validated."""
    refs = set()
    for facility in _list(item.get("zarizeni")):
        refs.add(_ref(_dict(_dict(facility).get("adresa")).get("obec")))
    refs.update(_refs_in(item.get("rozsirenePusobnostiVKraji")))
    return refs - {""}


def parse_item(item, today, warnings=None):
    """A register item → plain data for the catalogue. Raises RecordError (Czech reason)
    when the item cannot be read; fields refused on their own (a web address that is not
    http(s)) are left empty with a line in ``warnings``."""
    warnings = [] if warnings is None else warnings
    if not isinstance(item, dict):
        raise RecordError(_("the item is not an object."))
    register_id = _register_id(item.get("identifikator"))
    provider = item.get("poskytovatel")
    if not isinstance(provider, dict):
        raise RecordError(_("the provider is missing."))
    type_code = _ref(item.get("druhSocialniSluzby"))
    if not type_code:
        raise RecordError(_("the service type is missing."))
    if (
        "zarizeni" in item
        and item["zarizeni"] is not None
        and not isinstance(item["zarizeni"], list)
    ):
        raise RecordError(_("“%(key)s” is not a list.") % {"key": "zarizeni"})
    facilities, seen = [], set()
    for facility in _list(item.get("zarizeni")):
        if not isinstance(facility, dict):
            continue
        until = _date(facility.get("poskytujeDo"), "poskytujeDo")
        if until and until < today:
            continue
        raw_address = facility.get("adresa")
        if raw_address is not None and not isinstance(raw_address, dict):
            raise RecordError(_("“%(key)s” is not an object.") % {"key": "adresa"})
        address = _dict(raw_address)
        hidden = bool(facility.get("utajenaAdresa"))
        obec = _ref(address.get("obec"))
        name = _text(facility.get("nazev"), 255)
        point = _text(address.get("kodAdresnihoMista"), 20)
        postcode = _text(address.get("psc"), 10)
        key = f"{name}|{point or _street(address) + '|' + postcode + '|' + obec}"
        if key in seen:  # the same facility can appear more than once
            continue
        seen.add(key)
        facilities.append(
            {
                "register_key": key[:200],
                "name": name,
                "street": "" if hidden else _street(address)[:200],
                "postcode": "" if hidden else postcode,
                "address_code": "" if hidden else point,
                "hidden_address": hidden,
                "obec": obec,
                "obec_name": _text(_dict(address.get("obec")).get("nazev"), 120),
            }
        )
    forms, capacity, capacity_unit, nonstop = [], None, "", False
    for form in _list(item.get("formy")):
        if not isinstance(form, dict):
            continue
        code = _ref(form.get("forma"))
        if code:
            forms.append(code)
        nonstop = nonstop or form.get("nepretrzitePoskytovani") is True
        for kapacita in _list(form.get("kapacity")):
            number = _dict(kapacita).get("pocet")
            if (
                capacity is None
                and isinstance(number, int | float)
                and not isinstance(number, bool)
            ):
                if not math.isfinite(number) or abs(number) > 1_000_000:
                    raise RecordError(
                        _("the capacity %(value)s is not a number of places.") % {"value": number}
                    )
                capacity = max(int(number), 0)
                capacity_unit = _ref(kapacita.get("typ"))
    ended_on = _date(item.get("datumPoskytovaniDo"), "datumPoskytovaniDo")
    provider_web = _first(provider.get("weby"), "web", 500)
    return {
        "register_id": register_id,
        "type": type_code,
        "forms": sorted(set(forms)),
        "register_groups": sorted(
            {_ref(_dict(g).get("cilovaSkupina")) for g in _list(item.get("ciloveSkupiny"))} - {""}
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
        "valid_from": _date(item.get("datumPoskytovaniOd"), "datumPoskytovaniOd"),
        "valid_to": ended_on,
        "is_ended": bool(ended_on and ended_on < today),
        "email": _email(_first(item.get("emaily"), "email", 254), _("e-mail"), warnings),
        "phone": _first(item.get("telefony"), "telefon", 60),
        "web": _web(_first(item.get("weby"), "web", 2000), _("web"), warnings, 500),
        "facilities": facilities,
        "reach": set(_refs_in(item.get("rozsirenePusobnostiVKraji"))),
        "provider": {
            # statutarniOrgany (natural persons) is deliberately never read
            "ico": _ico(provider.get("ico")),
            "name": _text(provider.get("nazev") or provider.get("nazevPoskytovatele"), 255),
            "web": _web(provider_web, _("provider's web"), warnings, 200),
            "email": _email(
                _first(provider.get("emaily"), "email", 254), _("provider's e-mail"), warnings
            ),
            "phone": _first(provider.get("telefony"), "telefon", 60),
        },
        "name": _text(item.get("nazev"), 255),
    }


# Errors of Python itself on a value of an unexpected type deep inside an item: the item
# is reported as unreadable instead of ending the import with a traceback.
_UNEXPECTED = (TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError)


def read_register(fileobj, area_codes, today=None, report=None):
    """Read the whole file; return (items read, parsed services inside the area). Items
    that cannot be read are listed in ``report.skipped`` (position, identifier, reason)."""
    today = today or timezone.localdate()
    report = report if report is not None else ImportReport()
    kept, read = {}, 0
    for number, item in enumerate(iter_register_items(fileobj), start=1):
        read += 1
        label = record_label(item)
        if isinstance(item, dict):
            try:
                if not area_refs(item) & area_codes:
                    continue  # outside the area: never validated
            except _UNEXPECTED:
                pass  # cannot tell: parse it, which reports what is wrong
        warnings = []
        try:
            data = parse_item(item, today, warnings)
        except RecordError as error:
            report.skipped.append((number, label, str(error)))
            continue
        except _UNEXPECTED as error:
            report.skipped.append(
                (
                    number,
                    label,
                    _("unexpected value in the item (%(error)s).")
                    % {"error": type(error).__name__},
                )
            )
            continue
        in_area = any(f["obec"] in area_codes for f in data["facilities"]) or bool(
            data["reach"] & area_codes
        )
        if in_area:
            kept[data["register_id"]] = data
            report.warnings.extend((number, label, warning) for warning in warnings)
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
    report.read, kept = read_register(fileobj, set(area_codes), today, report)
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
