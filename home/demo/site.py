"""Demo: home page, site settings, admin user and the general pages of a fictional ORP.

The ORP "Ostrov nad Vlčinou" and all people in it are invented.
"""

import datetime
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from home.models import ContentPage, HomePage
from kpss_pages.core.models import KpssSettings, SectionPage
from kpss_pages.core.pdf import render_pdf
from kpss_pages.groups.models import HarmonogramPage, WorkingGroupIndexPage
from kpss_pages.plan.models import PlanPage, SurveyPage

from .catalog import MUNICIPALITIES as CATALOG_MUNICIPALITIES
from .utils import ensure_page, rich

DEMO_ADMIN = ("admin", "kpss-demo")  # local use only; stated in the README
TOWN = "Ostrov nad Vlčinou"
# One list of municipalities for the whole demo (name, slug, code, is_partner).
MUNICIPALITIES = [m[0] for m in CATALOG_MUNICIPALITIES if m[0] != TOWN]
PARTNERS = [m[0] for m in CATALOG_MUNICIPALITIES if m[3] and m[0] != TOWN]


CYCLE = (
    "<h2>1. Analytická fáze</h2>",
    "Pracovní skupiny pro seniory, rodiny s dětmi, osoby se zdravotním postižením a osoby "
    "ohrožené sociálním vyloučením popisují potřeby obyvatel, dostupné služby a jejich "
    "silné a slabé stránky (SWOT). Podkladem je anketa pro veřejnost, dotazníky pro obce "
    "a poskytovatele a socio-demografický popis území.",
    "<h2>2. Návrhová fáze</h2>",
    "Ze zjištěných potřeb skupiny navrhují priority a opatření: co se má v příštích letech "
    "změnit, kdo za opatření odpovídá, kolik bude stát a podle čeho poznáme, že se splnilo.",
    "<h2>3. Připomínky a schválení</h2>",
    "Návrh plánu je zveřejněn k připomínkám. Každá připomínka je vypořádána a vypořádání "
    "je zveřejněno. Plán pak schvaluje rada a zastupitelstvo města.",
    "<h2>4. Realizace a monitoring</h2>",
    "Každý rok se vyhodnocuje, jak se opatření daří plnit. Zpráva o naplňování plánu jde "
    "radě města a krajskému úřadu a je zveřejněna na tomto webu.",
)


def load(ctx):
    _ensure_admin(ctx)
    home = _ensure_home(ctx)
    ctx.home = home
    _ensure_settings(home)
    rules = _ensure_rules_document(ctx)
    diagram = _ensure_district_diagram(ctx)
    about = ensure_page(
        ctx,
        home,
        ContentPage,
        "o-projektu",
        title="O projektu",
        show_in_menus=True,
        lead=(
            f"Komunitní plánování sociálních služeb ve správním obvodu ORP {TOWN}: "
            "proč plánujeme, kdo se na plánu podílí, jak je financován a co z něj vzniká."
        ),
        body=[
            ("rich_text", rich(*ABOUT)),
            (
                "image",
                {
                    "image": {"image": diagram, "alt_text": DIAGRAM_ALT, "decorative": False},
                    "caption": f"Obce správního obvodu ORP {TOWN} a jejich pracovní skupiny",
                },
            ),
            ("table", PARTNERS_TABLE),
            ("rich_text", rich(*ABOUT_FUNDING)),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Projekt v číslech",
                    "text": rich(*FUNDING_FACTS),
                },
            ),
            ("rich_text", rich(*ABOUT_OUTPUTS)),
        ],
    )
    ensure_page(
        ctx,
        home,
        ContentPage,
        "jak-se-zapojit",
        title="Jak se zapojit",
        show_in_menus=True,
        lead="Do komunitního plánování se může zapojit každý, koho zajímá sociální oblast.",
        body=[
            ("rich_text", rich(*TAKE_PART)),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Chcete se stát členem pracovní skupiny?",
                    "text": rich(*MEMBERSHIP),
                },
            ),
            (
                "document",
                {
                    "document": rules,
                    "title": "",
                    "description": "Jak pracovní skupiny jednají, kdo je jejich členem "
                    "a jak se přijímají závěry.",
                },
            ),
        ],
    )
    ensure_page(
        ctx,
        home,
        ContentPage,
        "kontakty",
        title="Kontakty",
        show_in_menus=True,
        lead="Na koho se obrátit s dotazem ke komunitnímu plánování.",
        body=[("rich_text", rich(*CONTACTS)), ("table", OFFICE_HOURS_TABLE)],
    )
    ensure_page(
        ctx,
        home,
        SectionPage,
        "jak-planovani-probiha",
        title="Jak plánování probíhá",
        lead="Komunitní plánování je cyklus: od zjišťování potřeb přes návrh opatření "
        "a schválení plánu až po každoroční vyhodnocení.",
        show_subpages=False,
        body=[("rich_text", rich(*CYCLE))],
    )
    statement = ensure_page(
        ctx,
        home,
        ContentPage,
        "prohlaseni-o-pristupnosti",
        title="Prohlášení o přístupnosti",
        body=[("rich_text", rich(*ACCESSIBILITY))],
    )
    _ensure_statement(statement)
    ctx.extra["about_page"] = about


def _ensure_statement(statement):
    """The statement page states the scope; the site's settings say how compliant the site
    is (partially: see ACCESSIBILITY_NON_COMPLIANT), which the page renders in the legal
    wording. An older demo whose statement still claimed full compliance is corrected."""
    settings = KpssSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.accessibility_page_id is None:
        settings.accessibility_page = statement
        settings.save()
    if not settings.accessibility_compliance:
        settings.accessibility_compliance = "partial"
        settings.accessibility_non_compliant = rich(*ACCESSIBILITY_NON_COMPLIANT)
        settings.accessibility_statement_date = datetime.date(2026, 11, 1)
        settings.accessibility_assessment = "self"
        settings.save()
    intro = rich(*ACCESSIBILITY)
    blocks = list(statement.body)
    if len(blocks) != 1 or blocks[0].block_type != "rich_text" or blocks[0].value.source != intro:
        statement.body = [("rich_text", RichText(intro))]
        statement.save_revision().publish()


def link_take_part(ctx):
    """Link "Jak se zapojit" to the pages it talks about (the survey, the harmonogram with
    the meetings' registration forms, the groups with their membership application, the
    plan with its comment procedure). They are created by later parts, so this runs last;
    it saves a new revision only when a link is missing (idempotent)."""
    page = ctx.home.get_children().filter(slug="jak-se-zapojit").first()
    if page is None:
        return
    page = page.specific
    targets = {
        "survey": SurveyPage.objects.live().filter(slug="anketa-2027").first(),
        "harmonogram": HarmonogramPage.objects.live().first(),
        "groups": WorkingGroupIndexPage.objects.live().first(),
        "plan": PlanPage.objects.live().filter(slug="2025-2028").first(),
    }
    if not all(targets.values()):
        return
    links = {key: target.pk for key, target in targets.items()}
    take_part = rich(*(line.format(**_page_links(links)) for line in TAKE_PART_LINKED))
    membership = rich(*(line.format(**_page_links(links)) for line in MEMBERSHIP_LINKED))
    changed = False
    for block in page.body:
        if block.block_type == "rich_text" and block.value.source != take_part:
            block.value = RichText(take_part)
            changed = True
        elif block.block_type == "callout" and block.value["text"].source != membership:
            block.value["text"] = RichText(membership)
            changed = True
    if changed:
        page.save_revision().publish()


def _page_links(links):
    return {
        f"{key}_start": f'<a linktype="page" id="{page_id}">' for key, page_id in links.items()
    } | {"end": "</a>"}


def _ensure_rules_document(ctx):
    """A real (tagged, Czech) PDF for the demo's document link, rendered once."""
    Document = get_document_model()
    title = "Organizační a jednací řád pracovních skupin"
    document = Document.objects.filter(title=title).first()
    if document is None:
        pdf = render_pdf(
            "home/pdf/rules.html",
            {
                "title": title,
                "author": f"Město {TOWN}",
                "intro": RULES_INTRO,
                "sections": RULES_SECTIONS,
            },
        )
        document = Document.objects.create(
            title=title, file=ContentFile(pdf, name="jednaci-rad-pracovnich-skupin.pdf")
        )
        ctx.created += 1
    return document


def _ensure_district_diagram(ctx):
    """A schematic of the district drawn with Pillow (no external images)."""
    Image = get_image_model()
    title = f"Schéma správního obvodu ORP {TOWN}"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 22)
    except OSError:
        font = ImageFont.load_default()
    canvas = PILImage.new("RGB", (900, 520), "#f3f6f8")
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((20, 20, 880, 500), radius=40, outline="#0b5394", width=4)
    places = [(TOWN, 450, 250, True)] + [
        (name, x, y, False)
        for name, (x, y) in zip(
            MUNICIPALITIES,
            [(200, 110), (700, 110), (160, 330), (740, 330), (450, 430), (450, 80)],
            strict=False,
        )
    ]
    for _name, x, y, centre in places:
        if not centre:
            draw.line((450, 250, x, y), fill="#4a4a4a", width=3)
    for name, x, y, centre in places:
        r = 22 if centre else 14
        draw.ellipse((x - r, y - r, x + r, y + r), fill="#b45309" if centre else "#0b5394")
        draw.text((x, y + r + 8), name, fill="#1b1b1b", font=font, anchor="mt")
    buffer = BytesIO()
    canvas.save(buffer, "PNG")
    image = Image.objects.create(
        title=title,
        file=ImageFile(buffer, name="schema-orp.png"),
        description=DIAGRAM_ALT,
    )
    ctx.created += 1
    return image


def _ensure_admin(ctx):
    User = get_user_model()
    username, password = DEMO_ADMIN
    if not User.objects.filter(username=username).exists():
        User.objects.create_superuser(username, "admin@example.org", password)
        ctx.created += 1


def _ensure_home(ctx):
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's initial migration leaves a plain "Welcome" page that the home page replaces.
    for page in root.get_children():
        if type(page.specific) is Page and page.slug == "home":
            page.slug = "welcome-removed"
            page.save()
            page.delete()
    home = HomePage(
        title="Komunitní plánování sociálních služeb",
        slug="home",
        seo_title=f"Komunitní plánování sociálních služeb – ORP {TOWN}",
        intro=rich(
            "Společně plánujeme sociální služby pro obyvatele Ostrova nad Vlčinou a obcí "
            "jeho správního obvodu. Přijďte na setkání pracovních skupin, najděte si službu "
            "v katalogu nebo se přihlaste k odběru novinek.",
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = f"KPSS {TOWN}"
    site.save()
    ctx.created += 1
    return home


def _ensure_settings(home):
    settings = KpssSettings.for_site(Site.objects.get(root_page=home))
    if settings.municipality_name:
        return
    settings.municipality_name = f"Město {TOWN}"
    settings.orp_name = f"ORP {TOWN}"
    settings.coordinator_name = "Mgr. Jana Ukázková"
    settings.coordinator_role = "koordinátorka komunitního plánování"
    settings.coordinator_email = "kpss@ostrov-nad-vlcinou.example"
    settings.coordinator_phone = "+420 555 000 101"
    settings.office_address = f"Městský úřad {TOWN}\nOdbor sociálních věcí\nNáměstí Míru 1"
    settings.social_links = [
        ("link", {"label": "Facebook", "url": "https://www.facebook.com/ostrov.example"}),
    ]
    # Printed on the meetings' attendance sheets (an ESF-funded planning project).
    settings.funding_text = (
        f"Projekt Komunitní plánování sociálních služeb v ORP {TOWN}, "
        "reg. č. CZ.03.02.02/00/22_000/0000000, je spolufinancován Evropskou unií."
    )
    settings.save()


TARGET_GROUPS = [
    "senioři",
    "rodiny s dětmi",
    "osoby se zdravotním postižením",
    "osoby ohrožené sociálním vyloučením",
]

DIAGRAM_ALT = (
    f"Schéma: uprostřed {TOWN}, kolem něj obce správního obvodu "
    + ", ".join(MUNICIPALITIES)
    + ". Partnerské obce projektu: "
    + ", ".join(PARTNERS)
    + "."
)

ABOUT = (
    f"Komunitní plánování sociálních služeb (KPSS) je metoda, kterou město {TOWN} spolu "
    "s obcemi svého správního obvodu plánuje rozvoj sociálních služeb a celé sociální oblasti "
    "na základě skutečných potřeb obyvatel a zdrojů, které jsou v území k dispozici.",
    "## Co je komunitní plánování",
    "Jde o cyklický proces: v analytické fázi pracovní skupiny mapují potřeby obyvatel "
    "a stav služeb, vyhodnocují předchozí plán a zpracují SWOT analýzy, v návrhové fázi "
    "navrhnou priority a opatření pro jednotlivé cílové skupiny. Komunitní plán schvaluje "
    "zastupitelstvo; během realizace se plnění opatření každý rok vyhodnocuje a zpráva se "
    "předkládá radě, zastupitelstvu a krajskému úřadu.",
    "## Proč projekt vznikl",
    f"Plánování sociálních služeb dosud neprobíhalo koordinovaně v celém správním obvodu "
    f"ORP {TOWN}; vlastní komunitní plán mělo jen samotné město. Cílem projektu je zavést "
    "plánování do celého regionu, a zajistit tak kvalitní a dostupné služby odpovídající "
    "potřebám současných i budoucích uživatelů.",
    "## Cíle projektu",
    f"- nastavit optimální rozvoj sociálních a návazných služeb na celém území ORP {TOWN} "
    "pro období 2025–2028 v souladu se střednědobým plánem rozvoje sociálních služeb kraje,",
    "- vytvořit místní partnerství subjektů působících v sociální oblasti a podpořit "
    "začleňování osob ohrožených sociálním vyloučením,",
    "- zvýšit informovanost o sociálních službách, které pomáhají lidem v tíživých "
    "životních situacích.",
    "## Kdo plán tvoří",
    "Cílovými skupinami projektu jsou obce správního obvodu a poskytovatelé sociálních "
    "služeb v oblasti péče o seniory, osoby se zdravotním postižením, rodiny s dětmi "
    "a osoby ohrožené sociálním vyloučením.",
    f"Čtyři tematické pracovní skupiny (PS {', PS '.join(TARGET_GROUPS)}) se scházejí "
    f"v {TOWN}; každá partnerská obec má navíc svou územní pracovní skupinu. "
    "Koordinační (řídící) skupina, ve které jsou vedoucí pracovních skupin, předseda "
    "komise pro sociální věci, vedoucí odboru sociálních věcí a koordinátorka, propojuje "
    "práci skupin a rovinu politickou s odbornou.",
    "## Partneři",
    f"Spolupráce města {TOWN} s partnerskými obcemi {', '.join(PARTNERS)} je zajištěna "
    "smlouvami o partnerství. Ostatní obce správního obvodu se zapojují prostřednictvím "
    "územních pracovních skupin a dotazníkového šetření.",
)

PARTNERS_TABLE = {
    "caption": f"Obce správního obvodu ORP {TOWN} v projektu",
    "table": {
        "data": [["Obec", "Role v projektu", "Pracovní skupina"]]
        + [[TOWN, "žadatel, koordinace projektu", "4 tematické pracovní skupiny"]]
        + [[name, "partner (smlouva o partnerství)", f"PS {name}"] for name in PARTNERS]
        + [
            [name, "obec správního obvodu", "zapojení přes dotazníky a veřejná setkání"]
            for name in MUNICIPALITIES
            if name not in PARTNERS
        ],
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_header_choice": "both",
    },
    "source": f"Smlouvy o partnerství, Městský úřad {TOWN}",
}

ABOUT_FUNDING = (
    "## Financování a doba realizace",
    "Projekt „Rozvoj komunitního plánování sociálních služeb na Ostrovsku“ byl financován "
    "z Evropského sociálního fondu plus prostřednictvím Operačního programu Zaměstnanost plus "
    "a ze státního rozpočtu ČR. Realizoval se od 1. 6. 2023 do 31. 5. 2025; jeho výsledkem je "
    "komunitní plán na období 2025–2028, jehož plnění nyní pracovní skupiny sledují.",
)

FUNDING_FACTS = (
    "- Celkové způsobilé výdaje: 1 480 000 Kč",
    "- Zdroje: Evropský sociální fond plus a státní rozpočet ČR",
    "- Registrační číslo (smyšlené): CZ.03.02.02/00/22_000/0009999",
    "- Doba realizace: 1. 6. 2023 – 31. 5. 2025",
)

ABOUT_OUTPUTS = (
    "## Aktivity a výstupy projektu",
    "Samotnému plánování předcházela analýza potřeb uživatelů a poskytovatelů sociálních "
    "služeb v jednotlivých obcích.",
    "- anketa pro veřejnost a dotazníkové šetření mezi obcemi a poskytovateli,",
    "- rozhovory se zástupci obcí, poskytovatelů a dalších institucí v regionu,",
    "- vstupní dokumenty: socio-demografický popis území, popis služeb a zdrojů, analýza potřeb,",
    "- setkání u kulatých stolů, jednání řídící skupiny a veřejná setkání,",
    "- komunitní plán sociálních služeb na období 2025–2028,",
    "- elektronický a tištěný katalog sociálních a návazných služeb,",
    "- informace o sociálních službách ve znakovém jazyce a letáky o službách.",
)

TAKE_PART = (
    "## Kdo se může zapojit",
    "- zadavatelé sociálních služeb – zástupci obcí a měst, zastupitelé, pracovníci obecních "
    "a městských úřadů,",
    "- poskytovatelé sociálních služeb – například domovy pro seniory, pečovatelská služba, "
    "služby odborného poradenství,",
    "- uživatelé sociálních služeb – klienti služeb včetně těch, kteří je mohou potřebovat,",
    "- odborná veřejnost – pracovníci veřejné správy a ti, kdo se věnují sociální, "
    "zdravotní nebo rodinné problematice,",
    "- široká veřejnost – občané, které sociální oblast zajímá.",
    "## Jak se můžete zapojit",
    "- vyplněním veřejné ankety o potřebách v sociální oblasti,",
    "- účastí na setkáních pracovních skupin – jsou otevřená veřejnosti; místnosti jsou ale "
    "malé, proto se prosím předem přihlaste u konkrétního setkání v harmonogramu,",
    "- účastí na veřejných setkáních a kulatých stolech, kde se hledají řešení zjištěných "
    "nedostatků,",
    "- připomínkováním návrhu komunitního plánu prostřednictvím formuláře u jednotlivých kapitol,",
    "- kdykoli kontaktováním koordinátorky s vašimi zkušenostmi a podněty.",
)

# The same with links to the pages (filled in by ``link_take_part``).
TAKE_PART_LINKED = TAKE_PART[:7] + (
    "- vyplněním {survey_start}veřejné ankety o potřebách v sociální oblasti{end},",
    "- účastí na setkáních pracovních skupin – jsou otevřená veřejnosti; místnosti jsou ale "
    "malé, proto se prosím předem přihlaste formulářem u konkrétního setkání "
    "v {harmonogram_start}harmonogramu setkání{end},",
    "- účastí na veřejných setkáních a kulatých stolech, kde se hledají řešení zjištěných "
    "nedostatků,",
    "- připomínkováním návrhu komunitního plánu prostřednictvím formuláře u jednotlivých "
    "kapitol, dokud je návrh zveřejněn k připomínkám; jak připomínkování probíhá a jak byly "
    "připomínky vypořádány, najdete u {plan_start}komunitního plánu{end},",
    "- kdykoli kontaktováním koordinátorky s vašimi zkušenostmi a podněty.",
)

MEMBERSHIP = (
    "Kontaktujte koordinátorku komunitního plánování nebo referentku odboru sociálních věcí "
    "(kontakty níže); zprostředkují vám kontakt s vedoucím příslušné pracovní skupiny. "
    "Vedoucí vám poskytne základní informace o procesu plánování a o činnosti skupiny "
    "a seznámí vás s organizačním a jednacím řádem.",
    "Na nejbližší jednání skupiny budete pozváni jako host. Poté můžete vyplnit přihlášku "
    "a dalších jednání se účastníte jako plnoprávný člen skupiny.",
)

MEMBERSHIP_LINKED = MEMBERSHIP[:1] + (
    "Na nejbližší jednání skupiny budete pozváni jako host. Poté můžete vyplnit přihlášku "
    "(formulář je na stránce každé {groups_start}pracovní skupiny{end}) a dalších jednání "
    "se účastníte jako plnoprávný člen skupiny.",
)

CONTACTS = (
    "## Koordinátorka komunitního plánování",
    f"Mgr. Jana Ukázková, Městský úřad {TOWN}, odbor sociálních věcí, Náměstí Míru 1, "
    "e-mail: kpss@ostrov-nad-vlcinou.example, tel.: +420 555 000 101",
    "## Metodik procesu",
    "Ing. Petr Vzorový, e-mail: metodik@ostrov-nad-vlcinou.example, tel.: +420 555 000 102",
    "## Referentka odboru sociálních věcí",
    "Bc. Alena Příkladná, e-mail: socialni@ostrov-nad-vlcinou.example, tel.: +420 555 000 103",
)

OFFICE_HOURS_TABLE = {
    "caption": "Úřední hodiny odboru sociálních věcí",
    "table": {
        "data": [
            ["Den", "Čas"],
            ["Pondělí", "8:00–17:00"],
            ["Úterý", "8:00–14:00"],
            ["Středa", "8:00–17:00"],
            ["Čtvrtek", "8:00–14:00"],
            ["Pátek", "po domluvě"],
        ],
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_header_choice": "both",
    },
    "source": "",
}

ACCESSIBILITY = (
    f"Město {TOWN} se zavazuje zpřístupnit své internetové stránky v souladu se zákonem "
    "č. 99/2019 Sb., o přístupnosti internetových stránek a mobilních aplikací. Stránky "
    "jsou vytvořeny podle normy ČSN EN 301 549, která odkazuje na pravidla WCAG 2.1 "
    "na úrovni AA.",
    "Toto prohlášení o přístupnosti se vztahuje na internetové stránky komunitního "
    "plánování sociálních služeb. Stav souladu, nepřístupný obsah a kontakty níže vycházejí "
    "z nastavení webu (Nastavení → Komunitní plánování).",
)

# Honest about the demo: what is known not to be accessible (settings, see _ensure_statement).
ACCESSIBILITY_NON_COMPLIANT = (
    "- Dokumenty PDF převzaté ze starého webu města (import z Plone), například starší "
    "zápisy ze setkání, nemají vždy vyznačenou strukturu a některé jsou naskenované; čtečka "
    "obrazovky je nemusí přečíst (WCAG 1.3.1, 1.1.1). Na požádání je pošleme jako text.",
    "- Ukázkové video na stránce Znaková řeč obsahuje jen titulkované textové snímky, "
    "nikoli tlumočníka českého znakového jazyka; přepis videa je k dispozici pod ním.",
    "- Přílohy vložené přispěvateli (obrázky tabulek, letáky poskytovatelů) nemusí mít "
    "textovou alternativu (WCAG 1.1.1); obsah vám na požádání přečteme nebo pošleme.",
)

RULES_INTRO = (
    f"Tento řád upravuje činnost pracovních skupin komunitního plánování v ORP {TOWN}. "
    "Jde o ukázkový dokument smyšlené obce."
)

RULES_SECTIONS = [
    (
        "Členství",
        [
            "Členem pracovní skupiny se může stát zadavatel, poskytovatel nebo uživatel sociálních "
            "služeb, zástupce odborné i široké veřejnosti.",
            "Zájemce se nejprve účastní jednání jako host, poté podá přihlášku.",
        ],
    ),
    (
        "Jednání",
        [
            "Skupina se schází podle harmonogramu, zpravidla jednou za dva měsíce. Jednání jsou "
            "otevřená veřejnosti; účast je vhodné předem nahlásit.",
            "Z každého jednání se pořizuje zápis, který se zveřejňuje na webu.",
        ],
    ),
    (
        "Přijímání závěrů",
        [
            "Skupina usiluje o shodu. Nelze-li jí dosáhnout, rozhoduje prostá většina přítomných "
            "členů; odlišný názor se uvede v zápisu.",
        ],
    ),
]
