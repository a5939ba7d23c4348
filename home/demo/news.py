"""Demo: the "Aktuality" section of the fictional ORP Ostrov nad Vlčinou.

A dozen articles following the planning cycle (seeds 002, 003), two newsletter issues that
were sent, and a few fictional confirmed subscribers (``*.example``). Idempotent.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from catalog.models import TargetGroup
from kpss_pages.core.mail import queue_emails
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news.emails import build_issue_email, issue_context
from kpss_pages.news.models import (
    ArticlePage,
    ArticlePageLink,
    NewsIndexPage,
    NewsletterIssueArticle,
    NewsletterIssuePage,
    Subscriber,
    content_types_for,
    working_group_pages,
)

from .utils import ensure_page, rich

COORDINATOR = "koordinátorka komunitního plánování"
METHODIST = "metodik procesu plánování"

# slug, date, title, lead, tags, target-group slugs, working-group title keywords, body
ARTICLES = [
    (
        "zahajujeme-komunitni-planovani",
        date(2024, 3, 18),
        "Zahajujeme komunitní plánování sociálních služeb",
        "Město Ostrov nad Vlčinou spolu s partnerskými obcemi zahájilo dvouletý proces "
        "komunitního plánování sociálních služeb na období 2025–2028.",
        ["projekt", "plánování"],
        [],
        [],
        (
            "V březnu 2024 jsme na Ostrovsku zahájili proces komunitního plánování "
            "sociálních služeb. Jeho cílem je nastavit rozvoj sociálních a návazných služeb "
            "na celém území ORP tak, aby odpovídal skutečným potřebám obyvatel.",
            "## Co nás čeká",
            "- anketa pro veřejnost a dotazníkové šetření mezi obcemi a poskytovateli,",
            "- setkání pracovních skupin a kulatých stolů,",
            "- zpracování analýz a SWOT analýzy,",
            "- návrh komunitního plánu a jeho veřejné připomínkování.",
            "Projekt je financován z Evropského sociálního fondu prostřednictvím Operačního "
            "programu Zaměstnanost plus a ze státního rozpočtu ČR.",
        ),
    ),
    (
        "prvni-verejne-setkani",
        date(2024, 6, 12),
        "Na prvním veřejném setkání se sešlo 46 lidí",
        "V sále kulturního domu jsme představili harmonogram plánování a sesbírali první "
        "podněty od obyvatel, poskytovatelů i zástupců obcí.",
        ["setkání", "veřejnost"],
        [],
        [],
        (
            "Setkání se zúčastnili zástupci všech partnerských obcí, poskytovatelé sociálních "
            "služeb i občané. Koordinátorka představila harmonogram projektu a možnosti, "
            "jak se do plánování zapojit.",
            "Nejčastěji zazněly podněty k dostupnosti pečovatelské služby v menších obcích, "
            "k dopravě k lékaři a k nedostatku bydlení pro lidi v tíživé situaci.",
        ),
    ),
    (
        "anketa-pro-verejnost",
        date(2024, 7, 1),
        "Vyplňte anketu: jaké služby na Ostrovsku chybí?",
        "Do 30. září 2024 můžete vyplnit krátkou anketu o sociálních službách. Papírové "
        "dotazníky jsou k dispozici na obecních úřadech a v knihovnách.",
        ["anketa", "veřejnost"],
        ["seniori", "rodiny-s-detmi"],
        [],
        (
            "Anketa trvá asi deset minut a je anonymní. Ptáme se, které služby znáte, "
            "které jste využili a co vám v okolí chybí.",
            "Papírovou verzi najdete na všech obecních úřadech ve správním obvodu, "
            "v městské knihovně a v klubovně seniorů. Vyplněné dotazníky můžete vhodit "
            "do sběrných schránek tamtéž.",
        ),
    ),
    (
        "vysledky-ankety",
        date(2024, 10, 21),
        "Výsledky ankety: lidé nejvíc postrádají odlehčovací službu a dopravu",
        "Anketu vyplnilo 612 obyvatel. Nejvíce chybí odlehčovací služba, doprava "
        "k lékaři a dostupné bydlení.",
        ["anketa", "výsledky"],
        ["seniori", "osoby-se-zdravotnim-postizenim"],
        ["senio"],
        (
            "Děkujeme všem, kdo anketu vyplnili. Odpovědi poslouží pracovním skupinám "
            "jako podklad pro návrh priorit komunitního plánu.",
        ),
    ),
    (
        "swot-analyza-senioru",
        date(2024, 11, 14),
        "Pracovní skupina Senioři zpracovala SWOT analýzu",
        "Na třetím setkání skupina pojmenovala silné a slabé stránky služeb pro seniory "
        "a příležitosti pro jejich rozvoj.",
        ["SWOT", "pracovní skupiny"],
        ["seniori"],
        ["senio"],
        (
            "Skupina oceňuje dobrou spolupráci pečovatelské služby s praktickými lékaři. "
            "Slabinou je malá kapacita odlehčovací služby a chybějící denní stacionář "
            "v partnerských obcích.",
        ),
    ),
    (
        "kulate-stoly-rodiny",
        date(2024, 12, 5),
        "Kulatý stůl k rodinám s dětmi: více poradenství blíž domovu",
        "Účastníci kulatého stolu se shodli, že rodiny potřebují dostupné poradenství "
        "a podporu v menších obcích.",
        ["setkání", "pracovní skupiny"],
        ["rodiny-s-detmi"],
        ["rodin"],
        (
            "Kulatého stolu se zúčastnili zástupci škol, sociálně aktivizační služby "
            "pro rodiny s dětmi, odboru sociálně-právní ochrany dětí a rodičovského centra.",
            "Hlavním závěrem je potřeba terénní práce s rodinami v obcích, kam nejezdí "
            "pravidelná doprava.",
        ),
    ),
    (
        "navrh-planu-k-pripominkam",
        date(2025, 2, 10),
        "Návrh komunitního plánu je k připomínkám",
        "Do 10. března 2025 můžete připomínkovat návrh komunitního plánu na období "
        "2025–2028, a to u každé kapitoly formulářem na webu.",
        ["plán", "připomínky"],
        [],
        [],
        (
            "Návrh obsahuje popis území, analýzu potřeb, priority a opatření pro jednotlivé "
            "cílové skupiny. Připomínky může podat kdokoli.",
            "Všechny připomínky vypořádají pracovní skupiny a řídící skupina; přehled "
            "vypořádání zveřejníme na webu.",
        ),
    ),
    (
        "verejne-setkani-k-navrhu",
        date(2025, 3, 4),
        "Druhé veřejné setkání: k návrhu plánu zaznělo 38 podnětů",
        "Na veřejném setkání k návrhu komunitního plánu jsme prošli priority a opatření "
        "a sesbírali podněty k jejich úpravě.",
        ["setkání", "plán", "připomínky"],
        [],
        [],
        (
            "Nejvíc diskuse se vedlo o opatření k rozšíření odlehčovací služby a o podpoře "
            "dobrovolnictví v obcích.",
        ),
    ),
    (
        "zastupitelstvo-schvalilo-plan",
        date(2025, 4, 24),
        "Zastupitelstvo schválilo komunitní plán na období 2025–2028",
        "Zastupitelstvo města Ostrov nad Vlčinou schválilo komunitní plán sociálních "
        "služeb. Začíná fáze realizace a průběžného vyhodnocování.",
        ["plán"],
        [],
        [],
        (
            "Plán obsahuje čtyři priority a 27 opatření. Plnění opatření budeme každý rok "
            "vyhodnocovat a zprávu předložíme radě, zastupitelstvu a krajskému úřadu.",
        ),
    ),
    (
        "aktualizace-katalogu-sluzeb",
        date(2025, 9, 15),
        "Vyšel aktualizovaný katalog sociálních služeb",
        "Nový katalog obsahuje 41 sociálních a návazných služeb. Tištěnou verzi "
        "najdete v čekárnách lékařů, lékárnách a na obecních úřadech.",
        ["katalog"],
        [],
        [],
        (
            "Katalog je k dispozici také elektronicky na tomto webu, kde ho průběžně "
            "aktualizujeme. Informace o službách jsou nově i ve znakovém jazyce.",
        ),
    ),
    (
        "setkani-v-domech-s-pecovatelskou-sluzbou",
        date(2025, 10, 8),
        "Ptali jsme se obyvatel domů s pečovatelskou službou",
        "Koordinátorka navštívila domy s pečovatelskou službou v Ostrově a v Lipníku "
        "u Vlčiny a mluvila s obyvateli o jejich potřebách.",
        ["setkání", "veřejnost"],
        ["seniori"],
        ["senio"],
        (
            "Obyvatelé oceňují ochotu pečovatelek, chybí jim ale víc společných aktivit "
            "a doprava na nákupy.",
        ),
    ),
    (
        "zprava-o-naplnovani-planu-2025",
        date(2026, 3, 19),
        "Zpráva o naplňování komunitního plánu za rok 2025",
        "Z 27 opatření se v prvním roce podařilo splnit nebo průběžně plnit 19. Zprávu "
        "vzala na vědomí rada i zastupitelstvo města.",
        ["monitoring", "plán"],
        [],
        [],
        (
            "Zpráva o naplňování komunitního plánu je podkladem pro krajský úřad, který "
            "zpracovává komplexní zprávu o naplňování komunitních plánů v kraji.",
            "Mezi splněná opatření patří rozšíření kapacity odlehčovací služby o dvě lůžka "
            "a zahájení terénní práce s rodinami v Dubové Lhotě.",
        ),
    ),
]

# Chapters of the plan 2025–2028 (kpss_plan) an article is about, by chapter slug.
CHAPTER_LINKS = {
    "vysledky-ankety": ["potreby-obyvatel"],
    "swot-analyza-senioru": ["swot-analyzy"],
    "navrh-planu-k-pripominkam": ["navrhova-cast"],
    "zastupitelstvo-schvalilo-plan": ["uvod"],
    "zprava-o-naplnovani-planu-2025": ["monitoring"],
}
PLAN_PERIOD_SLUG = "2025-2028"

EXTRA_BLOCKS = {
    "vysledky-ankety": [
        (
            "table",
            {
                "caption": "Co lidem v území nejvíce chybí (počet odpovědí)",
                "table": {
                    "data": [
                        ["Služba", "Počet"],
                        ["Odlehčovací služba", "214"],
                        ["Doprava k lékaři", "187"],
                        ["Dostupné bydlení", "142"],
                        ["Poradenství pro rodiny", "96"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
                "source": "Anketa pro veřejnost, červenec–září 2024",
            },
        ),
    ],
    "swot-analyza-senioru": [
        (
            "quote",
            {
                "text": "Lidé chtějí zůstat doma co nejdéle. K tomu potřebují, aby pečující "
                "rodina mohla občas vydechnout.",
                "attribution": "členka pracovní skupiny Senioři",
            },
        ),
    ],
    "navrh-planu-k-pripominkam": [
        (
            "callout",
            {
                "kind": "important",
                "title": "Připomínky do 10. března 2025",
                "text": rich(
                    "Připomínky můžete podat formulářem u každé kapitoly, e-mailem "
                    "na kpss@ostrov-nad-vlcinou.example nebo osobně na odboru sociálních věcí."
                ),
            },
        ),
    ],
}

ISSUES = [
    (
        "zpravodaj-1-2024",
        "Zpravodaj komunitního plánování 1/2024",
        "<p>V prvním čísle zpravodaje vás seznamujeme s průběhem plánování "
        "a s výsledky ankety.</p>",
        datetime(2024, 11, 20, 9, 0),
        [
            "zahajujeme-komunitni-planovani",
            "prvni-verejne-setkani",
            "vysledky-ankety",
            "swot-analyza-senioru",
        ],
    ),
    (
        "zpravodaj-1-2025",
        "Zpravodaj komunitního plánování 1/2025",
        "<p>Návrh komunitního plánu je k připomínkám a chystáme druhé veřejné setkání.</p>",
        datetime(2025, 2, 12, 9, 0),
        ["kulate-stoly-rodiny", "navrh-planu-k-pripominkam"],
    ),
]

SUBSCRIBERS = [
    ("ctenar@posta.example", True, []),
    ("klub-senioru@ostrov-nad-vlcinou.example", False, ["seniori"]),
    ("rodinne-centrum@lipnik-u-vlciny.example", False, ["rodiny-s-detmi"]),
]


def _aware(value):
    return timezone.make_aware(value)


def load(ctx):
    index = ensure_page(
        ctx,
        ctx.home,
        NewsIndexPage,
        "aktuality",
        title="Aktuality",
        show_in_menus=True,
        intro=rich(
            "Novinky z komunitního plánování sociálních služeb: setkání pracovních skupin, "
            "ankety, návrh plánu a jeho vyhodnocování. Novinky vám rádi pošleme i e-mailem."
        ),
    )
    ctx.extra["news_index"] = index
    articles = {}
    for spec in ARTICLES:
        articles[spec[0]] = _ensure_article(ctx, index, spec)
    subscribers = _ensure_subscribers(ctx)
    for spec in ISSUES:
        _ensure_issue(ctx, index, spec, articles, subscribers)


def _ensure_article(ctx, index, spec):
    slug, day, title, lead, tags, groups, group_keywords, paragraphs = spec
    existing = index.get_children().filter(slug=slug).first()
    if existing is None:
        with transaction.atomic():
            article = ArticlePage(
                slug=slug,
                title=title,
                date=day,
                lead=lead,
                author_role=METHODIST if "swot" in slug else COORDINATOR,
                body=[("rich_text", rich(*paragraphs)), *EXTRA_BLOCKS.get(slug, [])],
            )
            article.tags.add(*tags)
            article.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
            index.add_child(instance=article)
            article.save_revision().publish()
            published = _aware(datetime.combine(day, time(10, 0)))
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published, last_published_at=published
            )
        ctx.created += 1
    else:
        article = existing.specific
    _ensure_links(ctx, article, group_keywords, CHAPTER_LINKS.get(slug, []))
    return article


def _plan_chapters(slugs):
    if not slugs:
        return []
    chapters = Page.objects.live().filter(
        content_type__in=content_types_for([("kpss_plan", "planchapterpage")]),
        slug__in=slugs,
    )
    return [page for page in chapters if f"/{PLAN_PERIOD_SLUG}/" in page.url_path]


def _ensure_links(ctx, article, keywords, chapter_slugs):
    """Link to working groups (found by title) and plan chapters (by slug) once the
    groups and plan apps have created them."""
    wanted = []
    if keywords:
        wanted = [
            page
            for page in working_group_pages()
            if any(word in page.title.lower() for word in keywords)
        ]
    wanted += _plan_chapters(chapter_slugs)
    have = set(article.page_links.values_list("page_id", flat=True))
    missing = [page for page in wanted if page.pk not in have]
    if not missing:
        return
    for page in missing:
        article.page_links.add(ArticlePageLink(page=page))
    article.save_revision().publish()
    ctx.created += 1


def _ensure_subscribers(ctx):
    result = []
    for email, all_news, groups in SUBSCRIBERS:
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email,
                all_news=all_news,
                created_at=_aware(datetime(2024, 9, 1, 8, 0)),
                confirmed_at=_aware(datetime(2024, 9, 1, 8, 5)),
            )
            subscriber.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
            ctx.created += 1
        result.append(subscriber)
    return result


def _ensure_issue(ctx, index, spec, articles, subscribers):
    slug, title, intro, sent, article_slugs = spec
    if index.get_children().filter(slug=slug).exists():
        return
    sent_at = _aware(sent)
    with transaction.atomic():
        issue = NewsletterIssuePage(slug=slug, title=title, intro=intro)
        for order, article_slug in enumerate(article_slugs):
            issue.issue_articles.add(
                NewsletterIssueArticle(article=articles[article_slug], sort_order=order)
            )
        index.add_child(instance=issue)
        issue.save_revision().publish()
        NewsletterIssuePage.objects.filter(pk=issue.pk).update(
            sent_at=sent_at,
            send_requested_at=sent_at,
            first_published_at=sent_at,
            last_published_at=sent_at,
        )
        issue.refresh_from_db()
        # The outbox records the issue as sent to each matching subscriber, as it was.
        matching = set(issue.matching_subscribers().values_list("pk", flat=True))
        context = issue_context(issue)
        rows = [
            build_issue_email(issue, subscriber, context)
            for subscriber in subscribers
            if subscriber.pk in matching
        ]
        for row in rows:
            row.state = OutgoingEmail.State.SENT
            row.attempts = 1
            row.created_at = row.claimed_at = row.sent_at = sent_at
        queue_emails(rows, wake=False)
        NewsletterIssuePage.objects.filter(pk=issue.pk).update(queued_at=sent_at)
    ctx.created += 1
