"""Demo: working groups of the fictional ORP Ostrov nad Vlčinou and their meetings.

The seed-000 schedule (analytical phase in August and October, proposal phase from
December to April) is moved to the planning cycle around today, keeping the weekdays, so
some meetings are past (with minutes) and some are still ahead. All people are invented.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from catalog.models import Municipality, TargetGroup
from kpss_pages.groups.models import (
    GroupMember,
    HarmonogramPage,
    MeetingPage,
    MembershipApplication,
    Phase,
    Registration,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)

from .utils import ensure_page, rich

TZ = ZoneInfo("Europe/Prague")
ROOM = "malá zasedací místnost radnice"
ADDRESS = "Náměstí Míru 1, Ostrov nad Vlčinou"
SEED_YEAR = 2023  # the year of the seed-000 schedule

TASKS = [
    "zjišťování potřeb jednotlivých cílových skupin",
    "vyhodnocení priorit a opatření předchozího komunitního plánu",
    "připravení a projednání analytických podkladů",
    "tvorba SWOT analýz",
    "závěry z provedených analýz",
    "řešení aktuálních problémů v oblasti sociálních služeb",
    "tvorba priorit a opatření dle jednotlivých cílových skupin",
]

# slug, title, schedule label, target group slug, members
TARGET_GROUPS = [
    (
        "seniori",
        "Pracovní skupina Senioři",
        "CÍLOVÁ SKUPINA senioři",
        "seniori",
        [
            ("Mgr. Alena Zkušená", "Domov pro seniory Vlčina", "leader", "provider", True),
            ("Bc. Karel Pečlivý", "Pečovatelská služba města", "member", "provider", True),
            ("Marie Dlouhá", "Klub seniorů Ostrov", "member", "user", False),
            (
                "Ing. Tomáš Radní",
                "Městský úřad, odbor sociálních věcí",
                "member",
                "commissioner",
                True,
            ),
        ],
    ),
    (
        "rodiny-s-detmi",
        "Pracovní skupina Rodiny s dětmi",
        "CÍLOVÁ SKUPINA rodiny s dětmi",
        "rodiny-s-detmi",
        [
            ("Mgr. Petra Hravá", "Rodinné centrum Vlčátko", "leader", "provider", True),
            ("Jana Malá", "", "member", "user", False),
            ("Mgr. Ondřej Školní", "Základní škola Ostrov", "member", "professional", True),
        ],
    ),
    (
        "osoby-se-zdravotnim-postizenim",
        "Pracovní skupina Osoby se zdravotním postižením",
        "CÍLOVÁ SKUPINA osoby se zdravotním postižením",
        "osoby-se-zdravotnim-postizenim",
        [
            (
                "Bc. Lucie Bezbariérová",
                "Centrum pro zdravotně postižené",
                "leader",
                "provider",
                True,
            ),
            ("Pavel Vozíčkář", "", "member", "user", False),
            ("MUDr. Eva Léčivá", "Poliklinika Ostrov", "member", "professional", True),
        ],
    ),
    (
        "osoby-ohrozene-socialnim-vyloucenim",
        "Pracovní skupina Osoby ohrožené sociálním vyloučením",
        "CÍLOVÁ SKUPINA osoby ohrožené soc. vyloučením",
        "osoby-ohrozene-socialnim-vyloucenim",
        [
            ("Mgr. Martin Terénní", "Terénní programy Vlčina, z. ú.", "leader", "provider", True),
            ("Bc. Hana Dluhová", "Občanská poradna Ostrov", "member", "provider", True),
            ("Josef Nový", "", "member", "public", False),
        ],
    ),
]

TERRITORIAL = [
    (
        "lipnik-u-vlciny",
        "Pracovní skupina Lipník u Vlčiny",
        "PS Lipník u Vlčiny",
        "zasedací místnost obecního úřadu",
        "Lipník u Vlčiny 12",
    ),
    (
        "dubova-lhota",
        "Pracovní skupina Dubová Lhota",
        "PS Dubová Lhota",
        "společenský sál obecního úřadu",
        "Dubová Lhota 1",
    ),
]

CANCELLED = {
    "dubova-lhota": "Společenský sál se opravuje; náhradní termín oznámíme v harmonogramu.",
}

# Seed 000: (day, month, start hour, group slug, phase)
SCHEDULE = [
    (2, 8, 9, "seniori", Phase.ANALYTICAL),
    (2, 8, 13, "osoby-se-zdravotnim-postizenim", Phase.ANALYTICAL),
    (3, 8, 9, "rodiny-s-detmi", Phase.ANALYTICAL),
    (3, 8, 13, "osoby-ohrozene-socialnim-vyloucenim", Phase.ANALYTICAL),
    (25, 10, 9, "rodiny-s-detmi", Phase.ANALYTICAL),
    (25, 10, 13, "osoby-ohrozene-socialnim-vyloucenim", Phase.ANALYTICAL),
    (26, 10, 9, "seniori", Phase.ANALYTICAL),
    (26, 10, 13, "osoby-se-zdravotnim-postizenim", Phase.ANALYTICAL),
]
ORDER = [
    "seniori",
    "osoby-se-zdravotnim-postizenim",
    "rodiny-s-detmi",
    "osoby-ohrozene-socialnim-vyloucenim",
]
PROPOSAL_DAYS = {
    12: (6, 7, 12, 13),
    1: (3, 4, 10, 11),
    2: (7, 8, 14, 15),
    3: (6, 7, 13, 14),
    4: (3, 4, 10, 11),
}
for _month, _days in PROPOSAL_DAYS.items():
    for _day, _slug in zip(_days, ORDER, strict=True):
        SCHEDULE.append((_day, _month, 9, _slug, Phase.PROPOSAL))

ANALYTICAL_AGENDA = rich(
    "- zjišťování potřeb cílové skupiny a výsledky veřejné ankety,",
    "- vyhodnocení priorit a opatření předchozího komunitního plánu,",
    "- projednání analytických podkladů a tvorba SWOT analýzy.",
)
PROPOSAL_AGENDA = rich(
    "- závěry z provedených analýz,",
    "- tvorba priorit a opatření pro cílovou skupinu,",
    "- řešení aktuálních problémů v oblasti sociálních služeb.",
)


def cycle_year(today):
    """The year in which the current cycle's analytical phase (August) starts: from April
    on, the coming cycle is shown (the previous one ends with the April meetings)."""
    return today.year if today >= date(today.year, 4, 1) else today.year - 1


def shifted(day, month, year):
    """The seed date moved to ``year`` by whole weeks, so the weekday stays the same."""
    seed_year = SEED_YEAR if month >= 6 else SEED_YEAR + 1
    seed = date(seed_year, month, day)
    target_year = year if month >= 6 else year + 1
    weeks = round((date(target_year, month, day) - seed).days / 7)
    return seed + timedelta(weeks=weeks)


def load(ctx):
    home = ctx.home
    today = timezone.localdate()
    year = cycle_year(today)
    index = ensure_page(
        ctx,
        home,
        WorkingGroupIndexPage,
        "pracovni-skupiny",
        title="Pracovní skupiny",
        show_in_menus=True,
        intro=rich(
            "Komunitní plánování se odehrává v pracovních skupinách. Čtyři skupiny podle "
            "cílových skupin se scházejí na radnici v Ostrově nad Vlčinou, územní skupiny "
            "v partnerských obcích. Práci skupin propojuje koordinační skupina.",
            "Pracovní skupiny jsou otevřené veřejnosti. Místnosti jsou ale malé, proto se "
            "prosím na setkání předem přihlaste v harmonogramu.",
        ),
    )
    ensure_page(
        ctx,
        home,
        HarmonogramPage,
        "harmonogram",
        title="Harmonogram setkání",
        show_in_menus=True,
        cycle_name=f"Tvorba komunitního plánu – setkání {year}/{year + 1}",
        cycle_start=min(date(year, 6, 1), today - timedelta(days=60)),
        cycle_end=date(year + 1, 5, 31),
        intro=rich(
            "Setkání cílových skupin se vždy uskuteční v malé zasedací místnosti radnice, "
            f"{ADDRESS}, "
            "pokud není uvedeno jinak. Poslední setkání pracovních skupin ke schválení "
            f"návrhové části proběhne pravděpodobně v květnu {year + 1}.",
        ),
    )
    rules = _rules_documents(ctx)
    groups = {}
    for slug, title, label, tg_slug, members in TARGET_GROUPS:
        target_group = TargetGroup.objects.get(slug=tg_slug)
        groups[slug] = _ensure_group(
            ctx,
            index,
            slug,
            title=title,
            kind=WorkingGroupPage.Kind.TARGET_GROUP,
            target_group=target_group,
            schedule_label=label,
            members=members,
            rules=rules,
            purpose=rich(
                f"Skupina mapuje potřeby cílové skupiny {target_group.name.lower()} ve správním "
                "obvodu ORP Ostrov nad Vlčinou a navrhuje priority a opatření komunitního plánu."
            ),
        )
    for slug, title, label, room, address in TERRITORIAL:
        municipality = Municipality.objects.get(slug=slug)
        group = _ensure_group(
            ctx,
            index,
            slug,
            title=title,
            kind=WorkingGroupPage.Kind.TERRITORIAL,
            municipality=municipality,
            schedule_label=label,
            rules=rules,
            members=[
                (
                    f"starosta obce {municipality.name}",
                    f"Obec {municipality.name}",
                    "leader",
                    "commissioner",
                    False,
                ),
                ("Věra Sousedská", "Spolek seniorů", "member", "user", True),
            ],
            purpose=rich(
                f"Územní skupina řeší potřeby obyvatel obce {municipality.name} a jejího okolí "
                "a přenáší je do komunitního plánu celého ORP."
            ),
        )
        # Territorial groups meet around today, so the demo always has a past meeting with
        # minutes and an upcoming one whatever the date (fixed slugs keep it idempotent).
        _ensure_meeting(
            ctx,
            group,
            today - timedelta(weeks=3),
            16,
            Phase.ANALYTICAL,
            room=room,
            address=address,
            title=f"Setkání územní skupiny {municipality.name}",
            past_minutes=True,
            slug="setkani-mapovani-potreb",
        )
        _ensure_meeting(
            ctx,
            group,
            today + timedelta(weeks=4),
            16,
            Phase.PROPOSAL,
            room=room,
            address=address,
            title=f"Setkání územní skupiny {municipality.name} – návrhy opatření",
            slug="setkani-navrhy-opatreni",
            cancel_reason=CANCELLED.get(slug, ""),
        )
    coordination = _ensure_group(
        ctx,
        index,
        "koordinacni-skupina",
        title="Koordinační skupina",
        kind=WorkingGroupPage.Kind.COORDINATION,
        schedule_label="KOORDINAČNÍ SKUPINA",
        rules=rules,
        members=COORDINATION_MEMBERS,
        purpose=rich(
            "Koordinační skupina zajišťuje komunikaci mezi pracovními skupinami a Komisí pro "
            "sociální a zdravotní věci, mezi pracovními skupinami a dalšími subjekty a mezi "
            "skupinami navzájem. Koordinuje jednotlivé kroky pracovních skupin a propojuje "
            "rovinu politickou a odbornou.",
            "Členy jsou v souladu s jednacím řádem vedoucí pracovních skupin, předseda Komise "
            "pro sociální a zdravotní věci, vedoucí odboru sociálních věcí a koordinátorka "
            "komunitního plánování.",
        ),
        accepts_applications=False,
    )
    _ensure_meeting(
        ctx,
        coordination,
        shifted(20, 9, year),
        14,
        Phase.ANALYTICAL,
        is_public=False,
        title="Jednání koordinační skupiny",
        past_minutes=True,
    )
    _ensure_meeting(
        ctx,
        coordination,
        shifted(18, 4, year),
        14,
        Phase.PROPOSAL,
        is_public=False,
        title="Jednání koordinační skupiny – návrhová část",
    )
    for day, month, hour, slug, phase in SCHEDULE:
        day_date = shifted(day, month, year)
        _ensure_meeting(ctx, groups[slug], day_date, hour, phase, past_minutes=True)
    _demo_registrations(ctx, groups)
    ctx.extra["harmonogram"] = HarmonogramPage.objects.filter(slug="harmonogram").first()


COORDINATION_MEMBERS = [
    ("Mgr. Jana Ukázková", "Městský úřad Ostrov nad Vlčinou", "coordinator", "commissioner", True),
    (
        "PaedDr. Zora Předsedová",
        "Komise pro sociální a zdravotní věci",
        "leader",
        "commissioner",
        True,
    ),
    ("Mgr. Libor Vedoucí", "odbor sociálních věcí", "member", "commissioner", True),
    ("Mgr. Alena Zkušená", "PS Senioři", "member", "provider", True),
    ("Mgr. Petra Hravá", "PS Rodiny s dětmi", "member", "provider", True),
    ("Bc. Lucie Bezbariérová", "PS Osoby se zdravotním postižením", "member", "provider", True),
    ("Mgr. Martin Terénní", "PS Osoby ohrožené sociálním vyloučením", "member", "provider", True),
]


def _document(ctx, title, filename, text):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    doc = Document(title=title)
    doc.file.save(filename, ContentFile(text.encode("utf-8")), save=False)
    doc.save()
    ctx.created += 1
    return doc


def _rules_documents(ctx):
    organisational = _document(
        ctx,
        "Organizační řád pracovních skupin",
        "organizacni-rad-pracovnich-skupin.txt",
        "Organizační řád pracovních skupin komunitního plánování ORP Ostrov nad Vlčinou\n\n"
        "1. Pracovní skupiny jsou otevřené veřejnosti.\n2. Skupinu řídí vedoucí, kterého "
        "volí členové.\n3. Zájemce o členství je nejprve pozván na jednání jako host.\n",
    )
    procedural = _document(
        ctx,
        "Jednací řád pracovních skupin",
        "jednaci-rad-pracovnich-skupin.txt",
        "Jednací řád pracovních skupin\n\n1. Jednání svolává vedoucí nejméně 14 dní předem.\n"
        "2. Ze setkání se pořizuje zápis, který se zveřejňuje na webu.\n3. Skupina rozhoduje "
        "většinou přítomných členů.\n",
    )
    return [
        ("document", {"document": organisational, "title": "", "description": ""}),
        ("document", {"document": procedural, "title": "", "description": ""}),
    ]


def _ensure_group(ctx, index, slug, *, members, **fields):
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = ensure_page(
        ctx,
        index,
        WorkingGroupPage,
        slug,
        tasks=[("task", task) for task in TASKS] if fields["kind"] == "target_group" else [],
        contact=rich(
            "Koordinátorka komunitního plánování: Mgr. Jana Ukázková, "
            "kpss@ostrov-nad-vlcinou.example, tel. +420 555 000 101"
        ),
        contact_email="kpss@ostrov-nad-vlcinou.example",
        **fields,
    )
    for order, (name, organisation, role, category, consent) in enumerate(members):
        page.members.add(
            GroupMember(
                name=name,
                organisation=organisation,
                role=role,
                category=category,
                public_name_consent=consent,
                email=f"clen{order + 1}.{slug}@ostrov-nad-vlcinou.example",
                sort_order=order,
            )
        )
    page.save_revision().publish()
    return page


def _ensure_meeting(
    ctx,
    group,
    day_date,
    hour,
    phase,
    *,
    room=ROOM,
    address=ADDRESS,
    title=None,
    is_public=True,
    past_minutes=False,
    slug=None,
    cancel_reason="",
):
    start = datetime.combine(day_date, time(hour), tzinfo=TZ)
    slug = slug or f"setkani-{day_date:%Y-%m-%d}"
    existing = group.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    past = start < timezone.now()
    minutes = None
    if past and past_minutes:
        minutes = _document(
            ctx,
            f"Zápis – {group.title} – {day_date.day}. {day_date.month}. {day_date.year}",
            f"zapis-{group.slug}-{day_date:%Y-%m-%d}.txt",
            f"Zápis ze setkání: {group.title}\nDatum: {day_date.day}. {day_date.month}. "
            f"{day_date.year}\n\nPřítomni: členové skupiny a hosté z řad veřejnosti.\n"
            "Projednáno: potřeby cílové skupiny, SWOT analýza, další postup.\n",
        )
    return ensure_page(
        ctx,
        group,
        MeetingPage,
        slug,
        title=title
        or f"Setkání {day_date.day}. {day_date.month}. {day_date.year} – {group.schedule_label}",
        start=start,
        end=start + timedelta(hours=2),
        room=room,
        address=address,
        phase=phase,
        agenda=ANALYTICAL_AGENDA if phase == Phase.ANALYTICAL else PROPOSAL_AGENDA,
        is_public=is_public,
        seat_limit=15 if is_public else None,
        registration_deadline=start - timedelta(days=1) if is_public else None,
        minutes_document=minutes,
        cancelled=bool(cancel_reason),
        cancel_reason=cancel_reason,
        documents=[
            (
                "text",
                rich(
                    "Skupina prošla výsledky ankety a doplnila SWOT analýzu; podklady zpracuje "
                    "metodik do příštího setkání."
                ),
            )
        ]
        if minutes
        else [],
    )


REGISTRANTS = [
    ("Eva Zvídavá", "eva.zvidava@example.org", "Klub seniorů Ostrov"),
    ("Jiří Aktivní", "jiri.aktivni@example.org", ""),
    ("Bc. Hana Pomocná", "hana.pomocna@example.org", "Charita Vlčina"),
    ("Lenka Čekající", "lenka.cekajici@example.org", ""),
]


def _demo_registrations(ctx, groups):
    now = timezone.now()
    upcoming = list(
        MeetingPage.objects.child_of(groups["rodiny-s-detmi"])
        .filter(start__gt=now + timedelta(days=2))
        .order_by("start")[:1]
    )
    upcoming += list(
        MeetingPage.objects.child_of(groups["seniori"])
        .filter(start__gt=now + timedelta(days=2))
        .order_by("start")[:1]
    )
    for index, meeting in enumerate(upcoming):
        if meeting.registrations.exists():
            continue
        if index == 0:  # a small, full meeting with one person on the waitlist
            meeting.seat_limit = 3
            meeting.save_revision().publish()
        for offset, (name, email, organisation) in enumerate(REGISTRANTS):
            full = meeting.seat_limit is not None and offset >= meeting.seat_limit
            Registration.objects.create(
                meeting=meeting,
                name=name,
                email=email,
                organisation=organisation,
                status=Registration.Status.WAITLIST if full else Registration.Status.CONFIRMED,
                created_at=now - timedelta(days=10 - offset),
            )
            ctx.created += 1
    if not MembershipApplication.objects.exists():
        MembershipApplication.objects.create(
            group=groups["seniori"],
            name="Božena Zájemcová",
            email="bozena.zajemcova@example.org",
            organisation="Spolek Senioři Vlčina",
            category="user",
            motivation="Pečuji o maminku a chci pomoci zlepšit dostupnost odlehčovacích služeb.",
        )
        ctx.created += 1
