"""Demo: home page, site settings, admin user and the general pages of a fictional ORP.

The ORP "Ostrov nad Vlčinou" and all people in it are invented.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from .demo_utils import ensure_page, rich
from .models import ContentPage, HomePage, SiteSettings

DEMO_ADMIN = ("admin", "kpss-demo")  # local use only; stated in the README
TOWN = "Ostrov nad Vlčinou"
PARTNERS = ["Lipník u Vlčiny", "Dubová Lhota", "Kamenná Ves", "Horní Rybníčky"]


def load(ctx):
    _ensure_admin(ctx)
    home = _ensure_home(ctx)
    ctx.home = home
    _ensure_settings(home)
    about = ensure_page(
        ctx,
        home,
        ContentPage,
        "o-projektu",
        title="O projektu",
        show_in_menus=True,
        lead=(
            f"Komunitní plánování sociálních služeb ve správním obvodu ORP {TOWN} "
            "na období 2025–2028."
        ),
        body=[("rich_text", rich(*ABOUT))],
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
        body=[("rich_text", rich(*CONTACTS))],
    )
    statement = ensure_page(
        ctx,
        home,
        ContentPage,
        "prohlaseni-o-pristupnosti",
        title="Prohlášení o přístupnosti",
        body=[("rich_text", rich(*ACCESSIBILITY))],
    )
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.accessibility_page_id is None:
        settings.accessibility_page = statement
        settings.save()
    ctx.extra["about_page"] = about


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
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
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
    settings.save()


ABOUT = (
    f"Komunitní plánování sociálních služeb (KPSS) je metoda, kterou město {TOWN} spolu "
    "s obcemi svého správního obvodu plánuje rozvoj sociálních služeb a celé sociální oblasti "
    "na základě skutečných potřeb obyvatel a zdrojů, které jsou v území k dispozici.",
    "## Co je komunitní plánování",
    "Jde o cyklický proces: v analytické fázi pracovní skupiny mapují potřeby obyvatel "
    "a stav služeb a zpracují SWOT analýzy, v návrhové fázi navrhnou priority a opatření. "
    "Komunitní plán schvaluje zastupitelstvo, během realizace se plnění opatření každý rok "
    "vyhodnocuje a zpráva se předkládá radě, zastupitelstvu a krajskému úřadu.",
    "## Cíle projektu",
    f"- nastavit optimální rozvoj sociálních a návazných služeb na celém území ORP {TOWN} "
    "pro období 2025–2028,",
    "- vytvořit místní partnerství subjektů působících v sociální oblasti a podpořit "
    "začleňování osob ohrožených sociálním vyloučením,",
    "- zvýšit informovanost o sociálních službách, které pomáhají lidem v tíživých "
    "životních situacích.",
    "## Partneři",
    f"Spolupráce města {TOWN} s partnerskými obcemi {', '.join(PARTNERS)} je zajištěna "
    "smlouvami o partnerství. Každá partnerská obec má vlastní územní pracovní skupinu.",
    "## Financování a doba realizace",
    "Projekt „Rozvoj komunitního plánování sociálních služeb na Ostrovsku“ je financován "
    "z Evropského sociálního fondu prostřednictvím Operačního programu Zaměstnanost plus "
    "a ze státního rozpočtu ČR částkou 1 480 000 Kč. Doba realizace: 1. 3. 2024 – 28. 2. 2026.",
    "## Výstupy projektu",
    "- komunitní plán sociálních služeb na období 2025–2028,",
    "- elektronický a tištěný katalog sociálních a návazných služeb,",
    "- informace o sociálních službách ve znakovém jazyce,",
    "- pravidelné zprávy o naplňování komunitního plánu.",
)

TAKE_PART = (
    "## Kdo se může zapojit",
    "- zadavatelé sociálních služeb – zástupci obcí a měst, zastupitelé, pracovníci obecních "
    "a městských úřadů,",
    "- poskytovatelé sociálních služeb – například domovy pro seniory, pečovatelská služba, "
    "služby odborného poradenství,",
    "- uživatelé sociálních služeb – klienti služeb včetně těch, kteří je mohou potřebovat,",
    "- odborná veřejnost – pracovníci veřejné správy, zdravotnictví, školství a další,",
    "- široká veřejnost – občané, které sociální oblast zajímá.",
    "## Jak se můžete zapojit",
    "- vyplněním veřejné ankety,",
    "- účastí na setkáních pracovních skupin – jsou otevřená veřejnosti, místnosti jsou ale "
    "malé, proto se prosím předem přihlaste u konkrétního setkání v harmonogramu,",
    "- účastí na veřejných setkáních a kulatých stolech,",
    "- připomínkováním návrhu komunitního plánu prostřednictvím formuláře u jednotlivých kapitol,",
    "- kdykoli kontaktováním koordinátorky s vašimi zkušenostmi a podněty.",
)

MEMBERSHIP = (
    "Kontaktujte koordinátorku komunitního plánování, která vám zprostředkuje kontakt "
    "s vedoucím příslušné pracovní skupiny. Vedoucí vám poskytne základní informace "
    "o procesu plánování a o činnosti skupiny a seznámí vás s organizačním a jednacím řádem.",
    "Na nejbližší jednání skupiny budete pozváni jako host. Poté můžete vyplnit přihlášku "
    "a dalších jednání se účastníte jako plnoprávný člen skupiny.",
)

CONTACTS = (
    "## Koordinátorka komunitního plánování",
    "Mgr. Jana Ukázková, Městský úřad Ostrov nad Vlčinou, odbor sociálních věcí, "
    "Náměstí Míru 1, e-mail: kpss@ostrov-nad-vlcinou.example, tel.: +420 555 000 101",
    "## Metodik procesu",
    "Ing. Petr Vzorový, e-mail: metodik@ostrov-nad-vlcinou.example, tel.: +420 555 000 102",
    "## Úřední hodiny odboru sociálních věcí",
    "Pondělí a středa 8:00–17:00, úterý a čtvrtek 8:00–14:00.",
)

ACCESSIBILITY = (
    f"Město {TOWN} se zavazuje k zpřístupnění svých webových stránek v souladu se zákonem "
    "č. 99/2019 Sb., o přístupnosti internetových stránek a mobilních aplikací.",
    "Toto prohlášení o přístupnosti se vztahuje na webové stránky komunitního plánování "
    "sociálních služeb.",
    "## Stav souladu",
    "Tyto webové stránky jsou v souladu se zákonem č. 99/2019 Sb. a s normou "
    "ČSN EN 301 549, která odkazuje na pravidla WCAG 2.1 na úrovni AA.",
    "## Vypracování prohlášení",
    "Prohlášení bylo vypracováno 1. 11. 2026 na základě vlastního posouzení a automatických "
    "testů přístupnosti, které se spouštějí při každé změně webu.",
    "## Zpětná vazba a kontaktní údaje",
    "Pokud narazíte na obsah, který vám není přístupný, napište na "
    "kpss@ostrov-nad-vlcinou.example nebo volejte +420 555 000 101. Odpovíme do 30 dnů.",
    "## Postup při vymáhání",
    "Nebudete-li s vyřízením spokojeni, můžete se obrátit na Ministerstvo vnitra, "
    "odbor eGovernmentu.",
)
